#pragma once
/// Reports speak through i18n::Language (i18n/language.h), the language the research export's
/// codebook also uses; report code names it Language, as before the language moved below report and
/// export.

#include "i18n/language.h"

namespace ankylos::report {

using i18n::Language;
using i18n::substitute;

}  // namespace ankylos::report
