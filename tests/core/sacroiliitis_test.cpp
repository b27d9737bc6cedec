#include "core/sacroiliitis.h"
