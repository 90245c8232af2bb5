/*
 * calendar.c - day numbers, ISO weeks, month arithmetic, Easter.
 * Day numbers follow Howard Hinnant's days_from_civil algorithm.
 */
#include "dates/calendar.h"

long gz_cal_days(int y, int m, int d)
{
    long yy = y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return era * 146097 + doe - 719468;
}

struct gz_ymd gz_cal_from_days(long z)
{
    long era, doe, yoe, doy, mp;
    struct gz_ymd r;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    r.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    r.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    r.year = (int)(yoe + era * 400 + (r.month <= 2));
    return r;
}

int gz_cal_weekday(long days)
{
    long w = (days + 3) % 7;       /* 1970-01-01 was a Thursday */

    return (int)(w < 0 ? w + 7 : w) + 1;
}

long gz_cal_iso_week_start(int iso_year, int week)
{
    long jan4 = gz_cal_days(iso_year, 1, 4);

    return jan4 - (gz_cal_weekday(jan4) - 1) + 7L * (week - 1);
}

void gz_cal_iso_week(long days, int *iso_year, int *week)
{
    long thursday = days - gz_cal_weekday(days) + 4;
    int y = gz_cal_from_days(thursday).year;

    *iso_year = y;
    *week = (int)((thursday - gz_cal_days(y, 1, 1)) / 7) + 1;
}

int gz_cal_month_days(int y, int m)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    return mdays[m - 1] + (m == 2 && leap);
}

struct gz_ymd gz_cal_add_months(struct gz_ymd d, int months)
{
    int idx = d.year * 12 + (d.month - 1) + months;
    struct gz_ymd r;

    r.year = idx / 12;
    r.month = idx % 12 + 1;
    r.day = d.day;
    if (r.day > gz_cal_month_days(r.year, r.month))
        r.day = gz_cal_month_days(r.year, r.month);
    return r;
}

struct gz_ymd gz_cal_easter(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    struct gz_ymd r;

    r.year = y;
    r.month = (h + l - 7 * m + 114) / 31;
    r.day = (h + l - 7 * m + 114) % 31 + 1;
    return r;
}

long gz_cal_nth_weekday(int y, int m, int wd, int n)
{
    long first, last;

    if (n > 0) {
        first = gz_cal_days(y, m, 1);
        return first + (wd - gz_cal_weekday(first) + 7) % 7 + 7L * (n - 1);
    }
    last = gz_cal_days(y, m, gz_cal_month_days(y, m));
    return last - (gz_cal_weekday(last) - wd + 7) % 7;
}
