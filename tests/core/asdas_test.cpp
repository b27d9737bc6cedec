#include "core/asdas.h"
