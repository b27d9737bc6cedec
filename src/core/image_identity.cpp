#include "core/image_identity.h"

#include <algorithm>

#include "core/format.h"
#include "core/utf8.h"

namespace ankylos::core {

namespace {

bool isSeparator(char c) {
    return c == ' ' || c == '^' || c == ',' || c == '\t';
}

/// The words of a name, case-folded, sorted: the same for "DOE^JANE" and "Jane Doe".
std::vector<std::string> words(const std::string& name) {
    std::vector<std::string> out;
    std::string word;
    for (const char c : foldCase(name) + ' ') {
        if (!isSeparator(c)) {
            word += c;
        } else if (!word.empty()) {
            out.push_back(word);
            word.clear();
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// The characters of a name without separators, case-folded: "王^小明" and "王小明" alike.
std::string letters(const std::string& name) {
    std::string out;
    for (const char c : foldCase(name))
        if (!isSeparator(c))
            out += c;
    return out;
}

std::vector<std::string> groups(const std::string& dicomName) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t equals; (equals = dicomName.find('=', start)) != std::string::npos; start = equals + 1)
        out.push_back(dicomName.substr(start, equals - start));
    out.push_back(dicomName.substr(start));
    return out;
}

bool isDigits(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The date compared, and the words naming it.
std::pair<std::string, const char*> imageDate(const ImageIdentity& file) {
    if (!trimmed(file.studyDate).empty())
        return {trimmed(file.studyDate), "study date"};
    if (!trimmed(file.acquisitionDate).empty())
        return {trimmed(file.acquisitionDate), "acquisition date"};
    return {trimmed(file.contentDate), "content date"};
}

IdentityMismatch mismatch(IdentityField field, const std::string& label, const std::string& inFile,
                          const std::string& onFilm) {
    const std::string message = inFile.empty()
                                    ? "no " + label + " in the file, " + onFilm + " on the film"
                                    : label + " " + inFile + " in the file, " + onFilm + " on the film";
    return {field, inFile, onFilm, message};
}

std::optional<IdentityMismatch> compareDate(const ImageIdentity& file, Date filmDate) {
    const auto [text, label] = imageDate(file);
    const std::string onFilm = toIsoString(filmDate);
    if (text.empty())
        return mismatch(IdentityField::Date, "study date", "", onFilm);
    const std::optional<Date> date = parseDicomDate(text);
    if (!date)
        return mismatch(IdentityField::Date, label, text + " (not a date)", onFilm);
    if (*date != filmDate)
        return mismatch(IdentityField::Date, label, toIsoString(*date), onFilm);
    return std::nullopt;
}

}  // namespace

std::optional<Date> parseDicomDate(const std::string& text) {
    std::string digits = trimmed(text);
    if (digits.size() == 10 && digits[4] == '.' && digits[7] == '.')  // ACR-NEMA's YYYY.MM.DD
        digits = digits.substr(0, 4) + digits.substr(5, 2) + digits.substr(8, 2);
    if (digits.size() != 8 || !isDigits(digits))
        return std::nullopt;
    try {
        const Date date(std::stoi(digits.substr(0, 4)), std::stoi(digits.substr(4, 2)),
                        std::stoi(digits.substr(6, 2)));
        return date;
    } catch (const std::out_of_range&) {  // boost's bad_year, bad_month, bad_day_of_month
        return std::nullopt;
    }
}

bool dicomNameMatches(const std::string& dicomName, const std::string& name) {
    const std::vector<std::string> nameWords = words(name);
    const std::string nameLetters = letters(name);
    if (nameLetters.empty())
        return false;
    for (const std::string& group : groups(dicomName)) {
        if (letters(group).empty())
            continue;
        if (words(group) == nameWords || letters(group) == nameLetters)
            return true;
    }
    return false;
}

std::vector<IdentityMismatch> compareImageIdentity(const ImageIdentity& file, const FilmIdentity& film) {
    std::vector<IdentityMismatch> mismatches;
    const std::string fileId = trimmed(file.patientId);
    if (foldCase(fileId) != foldCase(trimmed(film.clinicId)))
        mismatches.push_back(
            mismatch(IdentityField::PatientId, "patient ID", fileId, trimmed(film.clinicId)));
    const std::string fileName = trimmed(file.patientName);
    if (!dicomNameMatches(fileName, film.name))
        mismatches.push_back(mismatch(IdentityField::PatientName, "patient name", fileName, film.name));
    if (auto date = compareDate(file, film.filmDate))
        mismatches.push_back(*date);
    return mismatches;
}

std::string describeMismatches(const std::vector<IdentityMismatch>& mismatches) {
    std::string text;
    for (const IdentityMismatch& m : mismatches)
        text += (text.empty() ? "" : "; ") + m.message;
    return text;
}

}  // namespace ankylos::core
