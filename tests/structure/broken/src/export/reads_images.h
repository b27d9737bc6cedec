#pragma once
// Breaks the layers on purpose (tests/structure): export decodes DICOM itself instead of leaving
// images to imaging, and they never reach an export anyway.
#include <dcmtk/dcmdata/dcfilefo.h>
