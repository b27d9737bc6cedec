#include "core/basmi.h"
