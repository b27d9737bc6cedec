#include "core/basdai.h"
