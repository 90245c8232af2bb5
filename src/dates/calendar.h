/*
 * calendar.h - proleptic Gregorian arithmetic for the date normaliser and
 * the publication dates (pubdate.c).
 *
 *   gz_cal_days(2024, 2, 22) -> 19775      (days since 1970-01-01)
 *   gz_cal_weekday(19775)    -> 4          (Thursday; Monday is 1)
 *   gz_cal_iso_week(19775)   -> 2024-W08
 *   gz_cal_add_months(2024-01-31, 1) -> 2024-02-29
 */
#ifndef GZ_CALENDAR_H
#define GZ_CALENDAR_H

#include "core/article.h"

/* Days since 1970-01-01 of y-m-d (any valid date), and back. */
long gz_cal_days(int y, int m, int d);
struct gz_ymd gz_cal_from_days(long days);

/* ISO weekday of a day number: 1 Monday .. 7 Sunday. */
int gz_cal_weekday(long days);

/* ISO 8601 week of a day number: week-numbering year and week 1..53. */
void gz_cal_iso_week(long days, int *iso_year, int *week);

/* Day number of the Monday of ISO week w of iso_year. */
long gz_cal_iso_week_start(int iso_year, int week);

/* Days in month m of year y. */
int gz_cal_month_days(int y, int m);

/* Add months, clamping the day to the end of the target month. */
struct gz_ymd gz_cal_add_months(struct gz_ymd d, int months);

/* Day of Easter Sunday in year y (Anonymous Gregorian algorithm). */
struct gz_ymd gz_cal_easter(int y);

/* Day number of the n-th (1..5, or -1 for last) weekday wd of month m of y. */
long gz_cal_nth_weekday(int y, int m, int wd, int n);

#endif
