#pragma once
/// The images attached to films (DICOM, PNG, JPEG, TIFF), stored in the database with the clinic's
/// data; each import and removal audited in the same transaction (the audit row records the
/// metadata and the confirmation's reason, never the bytes). Images are never part of a research
/// export (export reads no image table).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/image_identity.h"
#include "storage/database.h"
#include "storage/film_image.h"

namespace ankylos::storage {

/// The largest image file stored: a DICOM radiograph is 5-50 MB; a server takes a value of up to
/// 1 GB, sent as twice as many hex digits.
constexpr std::int64_t kMaxImageBytes = 256LL * 1024 * 1024;

/// A DICOM file whose identity is not the film's, attached without a reason confirming it. The
/// message lists what differs, in words a clinician reads; the caller may ask and attach again with
/// a reason.
class ImageIdentityMismatch : public Error {
public:
    ImageIdentityMismatch(const std::string& fileName, std::vector<core::IdentityMismatch> mismatches);
    const std::vector<core::IdentityMismatch>& mismatches() const { return m_mismatches; }

private:
    std::vector<core::IdentityMismatch> m_mismatches;
};

/// What a file would be stored as, before it is: its format, size and, for DICOM, its identity and
/// how it differs from the film's.
struct ImageInspection {
    imaging::ImageFormat format = imaging::ImageFormat::Dicom;
    int width = 0;
    int height = 0;
    std::optional<imaging::DicomIdentity> dicom;
    std::vector<core::IdentityMismatch> mismatches;
};

class FilmImageRepository {
public:
    explicit FilmImageRepository(Database& db) : m_db(db) {}

    /// Reads the file as attach does, storing nothing. Throws ValidationError for a file that is
    /// empty, too large or of no format stored (known by its first bytes, not its name), and
    /// imaging::ImagingError naming the file for one that cannot be read (a DICOM file whose pixels
    /// no decoder reads is refused here, not found broken in the viewer later).
    ImageInspection inspect(std::int64_t filmId, const std::string& fileName, const std::string& bytes);

    /// Stores the file as an image of the film. A DICOM file whose identity differs from the film's
    /// patient or date is refused with ImageIdentityMismatch unless confirmReason gives a reason,
    /// which is stored with the image and in the audit row (a reason given for a file that matches is
    /// not stored: there was nothing to confirm). fileName is kept without its folder. On a server,
    /// whoever may add films (Action::AddFilms: physicians, nurses, readers) attaches and removes images.
    std::int64_t attach(std::int64_t filmId, const std::string& fileName, const std::string& bytes,
                        const std::optional<std::string>& confirmReason = std::nullopt);

    /// The film's images, oldest first: metadata only.
    std::vector<FilmImage> list(std::int64_t filmId);
    /// Every image of the patient's films, by film date, then oldest first.
    std::vector<FilmImage> listForPatient(std::int64_t patientId);
    std::optional<FilmImage> find(std::int64_t imageId);
    /// The file's bytes as imported. Throws StorageError when there is no such image.
    std::string loadBytes(std::int64_t imageId);
    /// Deletes the image; audited with its metadata and the reason.
    void remove(std::int64_t imageId, const std::string& reason);

private:
    Database& m_db;
};

}  // namespace ankylos::storage
