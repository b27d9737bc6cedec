#include "core/validation.h"
