#pragma once
/// The imaging layer's error: a file it cannot read, with the file's name and why.

#include <string>

#include "core/error.h"

namespace ankylos::imaging {

/// A file that is not an image Ankylos reads, or one whose pixels cannot be decoded. The message names
/// the file and the reason ("film.dcm: not a DICOM file (...)").
class ImagingError : public Error {
public:
    using Error::Error;
};

}  // namespace ankylos::imaging
