#include "storage/film_image_repository.h"

#include <filesystem>

#include "core/validation.h"
#include "imaging/errors.h"
#include "storage/audit.h"
#include "storage/patient_repository.h"
#include "storage/sql/connection.h"
#include "storage/transaction.h"

namespace ankylos::storage {

namespace {

/// Every column but the bytes, in FilmImage's order (imageFrom reads them).
constexpr const char* kImageColumns =
    "i.id, i.film_id, i.format, i.file_name, i.byte_count, i.content_sha256, i.width, i.height, "
    "i.dicom_patient_id, i.dicom_patient_name, i.dicom_study_date, i.dicom_acquisition_date, "
    "i.dicom_content_date, i.dicom_modality, i.dicom_body_part, i.imported_at, i.imported_by, "
    "i.identity_mismatch, i.confirmation_reason, f.film_date";
/// The tables kImageColumns reads.
constexpr const char* kImageTables = " FROM film_image i JOIN film f ON f.id = i.film_id";

std::optional<std::string> optionalText(const sql::Column& column) {
    if (column.isNull())
        return std::nullopt;
    return column.getString();
}

FilmImage imageFrom(sql::Statement& row) {
    FilmImage image;
    image.id = row.getColumn(0).getInt64();
    image.filmId = row.getColumn(1).getInt64();
    image.format = imaging::parseFormatId(row.getColumn(2).getString()).value_or(imaging::ImageFormat::Dicom);
    image.fileName = row.getColumn(3).getString();
    image.byteCount = row.getColumn(4).getInt64();
    image.sha256 = row.getColumn(5).getString();
    image.width = row.getColumn(6).getInt();
    image.height = row.getColumn(7).getInt();
    if (!row.getColumn(8).isNull())
        image.dicom = imaging::DicomIdentity{row.getColumn(8).getString(),  row.getColumn(9).getString(),
                                             row.getColumn(10).getString(), row.getColumn(11).getString(),
                                             row.getColumn(12).getString(), row.getColumn(13).getString(),
                                             row.getColumn(14).getString()};
    image.importedAt = row.getColumn(15).getString();
    image.importedBy = row.getColumn(16).getString();
    image.identityMismatch = optionalText(row.getColumn(17));
    image.confirmationReason = optionalText(row.getColumn(18));
    image.filmDate = row.getColumn(19).getString();
    return image;
}

std::vector<FilmImage> images(Database& db, const std::string& sql, std::int64_t id) {
    sql::Statement query(sql::connectionOf(db), sql);
    query.bind(1, id);
    std::vector<FilmImage> out;
    while (query.executeStep())
        out.push_back(imageFrom(query));
    return out;
}

/// The film's patient and date, as the identity check compares them.
core::FilmIdentity filmIdentity(Database& db, std::int64_t filmId) {
    sql::Statement film(sql::connectionOf(db), "SELECT patient_id, film_date FROM film WHERE id = ?");
    film.bind(1, filmId);
    if (!film.executeStep())
        throw StorageError("film " + std::to_string(filmId) + " does not exist");
    const std::int64_t patientId = film.getColumn(0).getInt64();
    const core::Date date = core::parseIsoDate(film.getColumn(1).getString(), "film date");
    const auto patient = PatientRepository(db).find(patientId);
    if (!patient)
        throw StorageError("patient " + std::to_string(patientId) + " does not exist");
    return {patient->patient.clinicId, patient->patient.name, date};
}

void checkFile(const std::string& fileName, const std::string& bytes) {
    core::Validation validation;
    validation.requireText("image file name", fileName);
    if (fileName.empty())
        validation.addError("image file name", "", "the name of the file imported");
    if (bytes.empty())
        validation.addError("image file", fileName, "a file that is not empty");
    if (static_cast<std::int64_t>(bytes.size()) > kMaxImageBytes)
        validation.addError("image file", fileName + " (" + std::to_string(bytes.size()) + " bytes)",
                            "at most " + std::to_string(kMaxImageBytes / (1024 * 1024)) + " MB");
    validation.throwIfErrors();
}

void bindOptionalText(sql::Statement& statement, int index, const std::optional<std::string>& text) {
    if (text)
        statement.bind(index, *text);
    else
        statement.bind(index);
}

void bindDicom(sql::Statement& insert, int first, const std::optional<imaging::DicomIdentity>& dicom) {
    const std::string imaging::DicomIdentity::*fields[] = {
        &imaging::DicomIdentity::patientId,   &imaging::DicomIdentity::patientName,
        &imaging::DicomIdentity::studyDate,   &imaging::DicomIdentity::acquisitionDate,
        &imaging::DicomIdentity::contentDate, &imaging::DicomIdentity::modality,
        &imaging::DicomIdentity::bodyPart};
    for (const auto field : fields) {
        if (dicom)
            insert.bind(first++, (*dicom).*field);
        else
            insert.bind(first++);
    }
}

std::int64_t insertImage(Database& db, const FilmImage& image, const std::string& bytes) {
    sql::Statement insert(
        sql::connectionOf(db),
        "INSERT INTO film_image (film_id, format, file_name, content, byte_count, content_sha256, width, "
        "height, dicom_patient_id, dicom_patient_name, dicom_study_date, dicom_acquisition_date, "
        "dicom_content_date, dicom_modality, dicom_body_part, imported_at, imported_by, identity_mismatch, "
        "confirmation_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    insert.bind(1, image.filmId);
    insert.bind(2, imaging::formatId(image.format));
    insert.bind(3, image.fileName);
    insert.bindBlob(4, bytes);
    insert.bind(5, image.byteCount);
    insert.bind(6, image.sha256);
    insert.bind(7, image.width);
    insert.bind(8, image.height);
    bindDicom(insert, 9, image.dicom);
    insert.bind(16, image.importedAt);
    insert.bind(17, image.importedBy);
    bindOptionalText(insert, 18, image.identityMismatch);
    bindOptionalText(insert, 19, image.confirmationReason);
    try {
        return insert.execReturningId();
    } catch (const sql::Error& e) {
        throw StorageError("attaching " + image.fileName + " to film " + std::to_string(image.filmId),
                           "film_image", e.what());
    }
}

}  // namespace

ImageIdentityMismatch::ImageIdentityMismatch(const std::string& fileName,
                                             std::vector<core::IdentityMismatch> mismatches)
    : Error(fileName + " does not match the film: " + core::describeMismatches(mismatches) +
            ". Attach it only with a reason confirming it is this film's image."),
      m_mismatches(std::move(mismatches)) {}

ImageInspection FilmImageRepository::inspect(std::int64_t filmId, const std::string& fileName,
                                             const std::string& bytes) {
    checkFile(fileName, bytes);
    const core::FilmIdentity film = filmIdentity(m_db, filmId);
    const std::optional<imaging::ImageFormat> format = imaging::detectFormat(bytes);
    if (!format)
        throw core::ValidationError(
            "image file", fileName,
            "a DICOM, PNG, JPEG or TIFF file (known by its first bytes, not its name)");
    ImageInspection inspection;
    inspection.format = *format;
    if (*format != imaging::ImageFormat::Dicom) {
        const imaging::RasterSize size = imaging::readRasterSize(bytes, *format, fileName);
        inspection.width = size.width;
        inspection.height = size.height;
        return inspection;
    }
    // Decoded once here so that a file whose pixels no decoder reads is refused on import.
    const imaging::DecodedDicom decoded = imaging::decodeDicom(bytes, fileName);
    inspection.width = decoded.info.width;
    inspection.height = decoded.info.height;
    inspection.dicom = decoded.info.identity;
    const imaging::DicomIdentity& id = decoded.info.identity;
    inspection.mismatches = core::compareImageIdentity(
        {id.patientId, id.patientName, id.studyDate, id.acquisitionDate, id.contentDate}, film);
    return inspection;
}

std::int64_t FilmImageRepository::attach(std::int64_t filmId, const std::string& path,
                                         const std::string& bytes,
                                         const std::optional<std::string>& confirmReason) {
    const std::string fileName = std::filesystem::path(path).filename().string();
    Transaction transaction(m_db);
    ImageInspection inspection = inspect(filmId, fileName, bytes);
    const bool confirmed = confirmReason && confirmReason->find_first_not_of(" \t") != std::string::npos;
    if (!inspection.mismatches.empty() && !confirmed)
        throw ImageIdentityMismatch(fileName, std::move(inspection.mismatches));
    FilmImage image;
    image.filmId = filmId;
    image.format = inspection.format;
    image.fileName = fileName;
    image.byteCount = static_cast<std::int64_t>(bytes.size());
    image.sha256 = sha256Hex(bytes);
    image.width = inspection.width;
    image.height = inspection.height;
    image.dicom = inspection.dicom;
    image.importedAt = m_db.now();
    image.importedBy = m_db.user();
    if (!inspection.mismatches.empty()) {
        core::Validation validation;
        validation.requireText("reason", *confirmReason);
        validation.throwIfErrors();
        image.identityMismatch = core::describeMismatches(inspection.mismatches);
        image.confirmationReason = *confirmReason;
    }
    image.id = insertImage(m_db, image, bytes);
    nlohmann::json newValues = toJson(image);
    newValues["film_id"] = filmId;  // `check` compares the row's film with the trail's
    appendAudit(m_db, m_db.user(),
                {"film_image", image.id, AuditAction::Insert, nullptr, newValues,
                 image.confirmationReason.value_or("")});
    transaction.commit();
    return image.id;
}

std::vector<FilmImage> FilmImageRepository::list(std::int64_t filmId) {
    return images(
        m_db, std::string("SELECT ") + kImageColumns + kImageTables + " WHERE i.film_id = ? ORDER BY i.id",
        filmId);
}

std::vector<FilmImage> FilmImageRepository::listForPatient(std::int64_t patientId) {
    return images(m_db,
                  std::string("SELECT ") + kImageColumns + kImageTables +
                      " WHERE f.patient_id = ? ORDER BY f.film_date, i.id",
                  patientId);
}

std::optional<FilmImage> FilmImageRepository::find(std::int64_t imageId) {
    std::vector<FilmImage> found =
        images(m_db, std::string("SELECT ") + kImageColumns + kImageTables + " WHERE i.id = ?", imageId);
    if (found.empty())
        return std::nullopt;
    return found.front();
}

std::string FilmImageRepository::loadBytes(std::int64_t imageId) {
    sql::Statement query(sql::connectionOf(m_db), "SELECT content FROM film_image WHERE id = ?");
    query.bind(1, imageId);
    if (!query.executeStep())
        throw StorageError("image " + std::to_string(imageId) + " does not exist");
    return query.getColumn(0).getString();
}

void FilmImageRepository::remove(std::int64_t imageId, const std::string& reason) {
    Transaction transaction(m_db);
    const std::optional<FilmImage> image = find(imageId);
    if (!image)
        throw StorageError("image " + std::to_string(imageId) + " does not exist");
    nlohmann::json old = toJson(*image);
    old["film_id"] = image->filmId;
    // The audit row first: on a server its announcement finds the patient through the image's row.
    appendAudit(m_db, m_db.user(), {"film_image", imageId, AuditAction::Delete, old, nullptr, reason});
    sql::Statement remove(sql::connectionOf(m_db), "DELETE FROM film_image WHERE id = ?");
    remove.bind(1, imageId);
    remove.exec();
    transaction.commit();
}

nlohmann::json toJson(const FilmImage& image) {
    nlohmann::json json = {{"format", imaging::formatId(image.format)},
                           {"file_name", image.fileName},
                           {"byte_count", image.byteCount},
                           {"content_sha256", image.sha256},
                           {"width", image.width},
                           {"height", image.height},
                           {"imported_at", image.importedAt},
                           {"imported_by", image.importedBy},
                           {"dicom", nullptr},
                           {"identity_mismatch", nullptr},
                           {"confirmation_reason", nullptr}};
    if (image.dicom)
        json["dicom"] = {
            {"patient_id", image.dicom->patientId},     {"patient_name", image.dicom->patientName},
            {"study_date", image.dicom->studyDate},     {"acquisition_date", image.dicom->acquisitionDate},
            {"content_date", image.dicom->contentDate}, {"modality", image.dicom->modality},
            {"body_part", image.dicom->bodyPart}};
    if (image.identityMismatch)
        json["identity_mismatch"] = *image.identityMismatch;
    if (image.confirmationReason)
        json["confirmation_reason"] = *image.confirmationReason;
    return json;
}

}  // namespace ankylos::storage
