#include "core/lab.h"
