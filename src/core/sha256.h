/*
 * sha256.h - SHA-256 in hex (OpenSSL's libcrypto does the hashing).
 *
 *   gz_sha256_hex("Title\nBody", 10, out)
 *       -> "b93e9074bf0f60db9ff2f517fe8ce3ce2f29aec3e00989a2c1a8a727005bffc2"
 */
#ifndef GZ_SHA256_H
#define GZ_SHA256_H

#include <stddef.h>

struct gz_sha256 {
    void *ctx;                  /* EVP_MD_CTX */
};

void gz_sha256_init(struct gz_sha256 *h);
void gz_sha256_update(struct gz_sha256 *h, const void *data, size_t n);
/* Write the 64 hex digits and a NUL to out, and release h. */
void gz_sha256_final(struct gz_sha256 *h, char out[65]);

/* One-shot: the hex SHA-256 of data[0..n). */
void gz_sha256_hex(const void *data, size_t n, char out[65]);

#endif
