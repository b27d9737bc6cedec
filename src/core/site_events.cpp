#include "core/site_events.h"
