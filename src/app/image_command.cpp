#include "app/image_command.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/open_database.h"
#include "core/error.h"
#include "core/format.h"
#include "core/validation.h"
#include "storage/film_image_repository.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"

namespace ankylos::app {

namespace {

struct ImageArgs {
    std::string database;
    std::string user;
    std::string patient;
    std::string film;
    std::string file;
    std::string confirmMismatch;
    std::int64_t id = 0;
    std::string reason;
    bool json = false;
};

std::int64_t patientId(storage::Database& db, const ImageArgs& args) {
    const std::optional<std::int64_t> id = storage::PatientRepository(db).idOf(args.patient);
    if (!id)
        throw core::ValidationError("--patient", args.patient, "the ID of a patient in " + args.database);
    return *id;
}

/// The patient's film of --film; refused naming the patient's film dates.
std::int64_t filmId(storage::Database& db, const ImageArgs& args) {
    const std::int64_t patient = patientId(db, args);
    const core::Date date = core::parseIsoDate(args.film, "--film");
    if (const std::optional<std::int64_t> film = storage::FilmRepository(db).filmId(patient, date))
        return *film;
    std::vector<std::string> dates;
    const std::optional<core::PatientHistory> history = storage::HistoryReader(db).load(patient);
    for (const core::Film& film : history->films)
        dates.push_back(core::toIsoString(film.date));
    throw core::ValidationError(
        "--film", args.film,
        dates.empty() ? "the date of a film of " + args.patient + ", who has none yet"
                      : "the date of a film of " + args.patient + ": " + core::joinNames(dates));
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw core::ValidationError("FILE", path, "an image file that exists and can be read");
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        throw core::ValidationError("FILE", path, "an image file that can be read to its end");
    return bytes;
}

std::string formatName(imaging::ImageFormat format) {
    switch (format) {
        case imaging::ImageFormat::Dicom:
            return "DICOM";
        case imaging::ImageFormat::Png:
            return "PNG";
        case imaging::ImageFormat::Jpeg:
            return "JPEG";
        case imaging::ImageFormat::Tiff:
            return "TIFF";
    }
    return "";
}

std::string sizeText(std::int64_t bytes) {
    if (bytes < 1024)
        return std::to_string(bytes) + " bytes";
    if (bytes < 1024 * 1024)
        return core::formatFixed(bytes / 1024.0, 1) + " KB";
    return core::formatFixed(bytes / (1024.0 * 1024.0), 1) + " MB";
}

void runAttach(const ImageArgs& args) {
    const std::string bytes = readFile(args.file);
    const auto db = openDatabase(args.database, args.user, storage::Open::ReadWrite);
    const std::int64_t film = filmId(*db, args);
    std::optional<std::string> reason;
    if (!args.confirmMismatch.empty())
        reason = args.confirmMismatch;
    std::int64_t id = 0;
    try {
        id = storage::FilmImageRepository(*db).attach(film, args.file, bytes, reason);
    } catch (const storage::ImageIdentityMismatch& e) {
        // Exit 2 as any refused input, saying how to attach it all the same.
        throw Error(std::filesystem::path(args.file).filename().string() + " does not match the film of " +
                    args.film + " of " + args.patient + ": " + core::describeMismatches(e.mismatches()) +
                    ". Nothing was stored. If it is this film's image all the same, attach it with "
                    "--confirm-mismatch REASON (the reason is kept with the image and in the audit trail).");
    }
    const storage::FilmImage image = *storage::FilmImageRepository(*db).find(id);
    std::cout << "Attached " << image.fileName << " to the film of " << image.filmDate << " of "
              << args.patient << " as image " << id << " (" << formatName(image.format) << ", " << image.width
              << " x " << image.height << ", " << sizeText(image.byteCount) << ").\n";
    if (image.identityMismatch)
        std::cout << "Identity mismatch confirmed (" << *image.confirmationReason
                  << "): " << *image.identityMismatch << ".\n";
}

nlohmann::ordered_json imageJson(const storage::FilmImage& image) {
    nlohmann::ordered_json out{{"id", image.id},
                               {"film_date", image.filmDate},
                               {"format", imaging::formatId(image.format)},
                               {"file_name", image.fileName},
                               {"byte_count", image.byteCount},
                               {"sha256", image.sha256},
                               {"width", image.width},
                               {"height", image.height},
                               {"dicom", nullptr},
                               {"imported_at", image.importedAt},
                               {"imported_by", image.importedBy},
                               {"identity_mismatch", nullptr},
                               {"confirmation_reason", nullptr}};
    if (image.dicom)
        out["dicom"] = {{"patient_id", image.dicom->patientId},
                        {"patient_name", image.dicom->patientName},
                        {"study_date", image.dicom->studyDate},
                        {"modality", image.dicom->modality},
                        {"body_part", image.dicom->bodyPart}};
    if (image.identityMismatch)
        out["identity_mismatch"] = *image.identityMismatch;
    if (image.confirmationReason)
        out["confirmation_reason"] = *image.confirmationReason;
    return out;
}

void printImage(const storage::FilmImage& image) {
    std::cout << image.id << "  film " << image.filmDate << "  " << formatName(image.format) << "  "
              << image.fileName << "  " << image.width << " x " << image.height << "  "
              << sizeText(image.byteCount) << "  imported " << image.importedAt << " by " << image.importedBy
              << '\n';
    if (image.dicom) {
        const imaging::DicomIdentity& dicom = *image.dicom;
        std::cout << "    DICOM: patient ID " << dicom.patientId << ", name " << dicom.patientName
                  << ", date " << (dicom.imageDate().empty() ? "none" : dicom.imageDate());
        for (const std::string* detail : {&dicom.modality, &dicom.bodyPart})
            if (!detail->empty())
                std::cout << ", " << *detail;
        std::cout << '\n';
    }
    if (image.identityMismatch)
        std::cout << "    mismatch confirmed (" << *image.confirmationReason
                  << "): " << *image.identityMismatch << '\n';
}

void runList(const ImageArgs& args) {
    const auto db = openDatabase(args.database, args.user, storage::Open::ReadOnly);
    const std::vector<storage::FilmImage> images =
        storage::FilmImageRepository(*db).listForPatient(patientId(*db, args));
    if (args.json) {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const storage::FilmImage& image : images)
            out.push_back(imageJson(image));
        std::cout << out.dump(2) << '\n';
        return;
    }
    if (images.empty())
        std::cout << "No images attached to the films of " << args.patient << ".\n";
    for (const storage::FilmImage& image : images)
        printImage(image);
}

void runRemove(const ImageArgs& args) {
    if (args.reason.find_first_not_of(" \t") == std::string::npos)
        throw core::ValidationError("--reason", args.reason, "why the image is removed, for the audit trail");
    const auto db = openDatabase(args.database, args.user, storage::Open::ReadWrite);
    storage::FilmImageRepository images(*db);
    const std::optional<storage::FilmImage> image = images.find(args.id);
    if (!image)
        throw core::ValidationError("--id", std::to_string(args.id), "the number of an image (image list)");
    images.remove(args.id, args.reason);
    std::cout << "Removed image " << args.id << " (" << image->fileName << ") of the film of "
              << image->filmDate << ".\n";
}

void addCommon(CLI::App* command, ImageArgs& args) {
    command->add_option("DB", args.database, kDatabaseHelp)->required();
    command->add_option("--user", args.user,
                        "Who is recorded in the audit trail (default: the system account)");
}

}  // namespace

void addImageCommand(CLI::App& app) {
    auto args = std::make_shared<ImageArgs>();
    CLI::App* image = app.add_subcommand("image", "Attach images to a patient's films, list or remove them");
    image->require_subcommand(1);

    CLI::App* attach = image->add_subcommand(
        "attach",
        "Store an image file (DICOM, PNG, JPEG, TIFF) with a film; a DICOM file's patient and date "
        "are checked against the film's");
    addCommon(attach, *args);
    attach->add_option("--patient", args->patient, "The patient's clinic ID")->required();
    attach->add_option("--film", args->film, "The film's date, YYYY-MM-DD")->required();
    attach->add_option("FILE", args->file, "The image file")->required();
    attach->add_option("--confirm-mismatch", args->confirmMismatch,
                       "Attach a DICOM file whose patient ID, name or date differ from the film's, for this "
                       "reason (recorded with the image and in the audit trail)");
    attach->footer(
        "Example: ankylos-cli image attach clinic.db --patient AS-000001 --film 2024-03-15 lateral.dcm");
    attach->callback([args] { runAttach(*args); });

    CLI::App* list = image->add_subcommand("list", "List the images of a patient's films (no bytes)");
    addCommon(list, *args);
    list->add_option("--patient", args->patient, "The patient's clinic ID")->required();
    list->add_flag("--json", args->json, "Print JSON instead of text");
    list->callback([args] { runList(*args); });

    CLI::App* remove = image->add_subcommand("remove", "Delete an image (audited with the reason)");
    addCommon(remove, *args);
    remove->add_option("--id", args->id, "The image's number, as image list shows it")->required();
    remove->add_option("--reason", args->reason, "Why, for the audit trail")->required();
    remove->callback([args] { runRemove(*args); });
}

}  // namespace ankylos::app
