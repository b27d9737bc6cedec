#pragma once
/// The root of every exception Ankylos throws. Kinds: ValidationError (core/validation.h, bad
/// input, message meant for the user), StorageError and IncompatibleDatabase (storage), and
/// InternalError for broken invariants. Catch at the boundary (event handlers, main).

#include <stdexcept>
#include <string>

namespace ankylos {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A broken invariant inside the program (a bug), thrown rather than aborting.
class InternalError : public Error {
public:
    using Error::Error;
};

}  // namespace ankylos
