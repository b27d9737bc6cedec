#include "core/basfi.h"
