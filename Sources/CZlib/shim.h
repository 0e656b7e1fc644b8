// zlib, from Debian's zlib1g-dev: the deflate behind the compression ratio (gzip, level 9).
#include <zlib.h>
