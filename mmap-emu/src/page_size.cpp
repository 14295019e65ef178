#include "wasishim/page_size.h"

extern "C" int __wasishim_page_size(void) { return WASISHIM_PAGE_SIZE; }
