#include "core/progression.h"
