#include "app/calc_command.h"
