#pragma once
/// Errors of report making: a missing template or style file, an output file that cannot be
/// written. The message names the file and what was expected.

#include "core/error.h"

namespace ankylos::report {

class ReportError : public Error {
public:
    using Error::Error;
};

}  // namespace ankylos::report
