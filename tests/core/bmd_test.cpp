#include "core/bmd.h"
