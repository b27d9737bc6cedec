#pragma once
/// One image of a film as stored (db/migrations/0012_film_images.sql): what the file is and what it
/// said, without its bytes (FilmImageRepository::loadBytes reads those).

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "imaging/dicom_image.h"
#include "imaging/image_format.h"

namespace ankylos::storage {

struct FilmImage {
    std::int64_t id = 0;
    std::int64_t filmId = 0;
    std::string filmDate;  ///< the film's date, YYYY-MM-DD (not part of the image's own record)
    imaging::ImageFormat format = imaging::ImageFormat::Dicom;
    std::string fileName;        ///< the file's name when imported, without its folder
    std::int64_t byteCount = 0;  ///< the file's size
    std::string sha256;          ///< of the file's bytes, in hex
    int width = 0;
    int height = 0;
    std::optional<imaging::DicomIdentity> dicom;  ///< what a DICOM file said; nullopt for the others
    std::string importedAt;                       ///< UTC, as the audit trail writes times
    std::string importedBy;
    std::optional<std::string> identityMismatch;    ///< what differed from the film, when something did
    std::optional<std::string> confirmationReason;  ///< why the user attached it anyway
};

/// The image's metadata as its audit row records it (never the bytes; film_id is added by the caller
/// where the trail names the parent).
nlohmann::json toJson(const FilmImage& image);

}  // namespace ankylos::storage
