#include "core/sha256.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>

void gz_sha256_init(struct gz_sha256 *h)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();

    if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
        fprintf(stderr, "gazette: cannot start SHA-256 (libcrypto)\n");
        abort();
    }
    h->ctx = ctx;
}

void gz_sha256_update(struct gz_sha256 *h, const void *data, size_t n)
{
    EVP_DigestUpdate(h->ctx, data, n);
}

void gz_sha256_final(struct gz_sha256 *h, char out[65])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0, i;

    EVP_DigestFinal_ex(h->ctx, md, &len);
    EVP_MD_CTX_free(h->ctx);
    h->ctx = NULL;
    for (i = 0; i < 32 && i < len; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[64] = '\0';
}

void gz_sha256_hex(const void *data, size_t n, char out[65])
{
    struct gz_sha256 h;

    gz_sha256_init(&h);
    gz_sha256_update(&h, data, n);
    gz_sha256_final(&h, out);
}
