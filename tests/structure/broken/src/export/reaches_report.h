#pragma once
// Breaks the layers on purpose (tests/structure): export takes the codebook's words from report
// instead of from i18n, the language layer below both.
#include "report/language.h"
