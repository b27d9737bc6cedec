#include "core/msasss.h"
