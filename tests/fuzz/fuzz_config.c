/* libFuzzer harness: pipeline YAML either loads or fails with a message. */
#include <stdint.h>
#include <stdlib.h>

#include "core/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gz_error err = {0};
    struct gz_cfg_node *root = gz_cfg_parse_string("fuzz.yaml", (const char *)data, size, &err);

    if (root == NULL && err.msg[0] == '\0')
        abort();
    gz_cfg_free(root);
    return 0;
}
