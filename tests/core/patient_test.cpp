#include "core/patient.h"
