#include "report/style.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <vector>

#include "core/format.h"
#include "report/errors.h"

namespace ankylos::report {

LayoutStyle ReportStyle::layoutStyle() const {
    LayoutStyle style;
    style.margin = marginMm * 72.0 / 25.4;
    style.bodyFontSize = bodyFontSize;
    style.fontFamily = fontFamily;
    style.logo = logo.string();
    return style;
}

namespace {

constexpr const char* kStyleFile = "style.conf";

std::filesystem::path executableDirectory() {
    std::error_code error;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::filesystem::path() : exe.parent_path();
}

std::string trim(const std::string& text) {
    const char* space = " \t\r";
    auto first = text.find_first_not_of(space);
    if (first == std::string::npos)
        return "";
    return text.substr(first, text.find_last_not_of(space) - first + 1);
}

}  // namespace

std::filesystem::path reportsDirectory() {
    std::vector<std::filesystem::path> candidates;
    if (const char* dataDir = std::getenv("ANKYLOS_DATA_DIR"); dataDir && *dataDir) {
        // An explicit choice: no silent fallback to another copy of the files.
        std::filesystem::path dir = std::filesystem::path(dataDir) / "reports";
        if (!std::filesystem::exists(dir / kStyleFile))
            throw ReportError("report files not found: ANKYLOS_DATA_DIR is '" + std::string(dataDir) +
                              "' but '" + (dir / kStyleFile).string() + "' does not exist");
        return dir;
    }
    std::filesystem::path exeDir = executableDirectory();
    if (!exeDir.empty())
        candidates.push_back(exeDir / ".." / "share" / "ankylos" / "reports");
#ifdef ANKYLOS_SOURCE_REPORTS_DIR
    candidates.push_back(ANKYLOS_SOURCE_REPORTS_DIR);
#endif
    std::string tried;
    for (const std::filesystem::path& dir : candidates) {
        if (std::filesystem::exists(dir / kStyleFile))
            return std::filesystem::weakly_canonical(dir);
        tried += (tried.empty() ? "" : ", ") + dir.string();
    }
    throw ReportError("report files not found (looked for " + std::string(kStyleFile) + " in: " + tried +
                      "); set ANKYLOS_DATA_DIR to the folder that holds reports/");
}

ReportStyle loadStyle(const std::filesystem::path& directory) {
    const std::filesystem::path file = directory / kStyleFile;
    std::ifstream in(file);
    if (!in)
        throw ReportError("cannot read the report style '" + file.string() + "'");
    ReportStyle style;
    std::string line;
    int number = 0;
    auto fail = [&](const std::string& what) {
        throw ReportError(file.string() + " line " + std::to_string(number) + ": " + what);
    };
    auto number_ = [&](const std::string& key, const std::string& value, double min, double max) {
        double parsed = 0;
        try {
            parsed = core::parseNumber(value, key);
        } catch (const Error&) {
            fail(key + " '" + value + "' is not a number");
        }
        if (parsed < min || parsed > max)
            fail(key + " " + value + " is outside " + core::formatNumber(min) + " to " +
                 core::formatNumber(max));
        return parsed;
    };
    while (std::getline(in, line)) {
        ++number;
        std::string text = trim(line);
        if (text.empty() || text[0] == '#')
            continue;
        auto equals = text.find('=');
        if (equals == std::string::npos)
            fail("expected 'key = value', found '" + text + "'");
        std::string key = trim(text.substr(0, equals));
        std::string value = trim(text.substr(equals + 1));
        if (key == "clinic_name") {
            style.clinicName = value;
        } else if (key == "font_family") {
            if (value.empty())
                fail("font_family is empty");
            style.fontFamily = value;
        } else if (key == "body_font_size") {
            style.bodyFontSize = number_(key, value, 6, 14);
        } else if (key == "margin_mm") {
            style.marginMm = number_(key, value, 5, 40);
        } else if (key == "logo") {
            if (value.empty()) {
                style.logo.clear();
                continue;
            }
            style.logo = directory / value;
            if (!std::filesystem::exists(style.logo))
                fail("logo '" + style.logo.string() + "' does not exist");
        } else if (key == "paper") {
            try {
                style.paper = parsePaper(value, key);
            } catch (const Error&) {
                fail("paper '" + value + "' is not a4 or letter");
            }
        } else {
            fail("unknown key '" + key +
                 "' (known: clinic_name, font_family, body_font_size, margin_mm, logo, paper)");
        }
    }
    return style;
}

ReportStyle loadDefaultStyle() {
    return loadStyle(reportsDirectory());
}

}  // namespace ankylos::report
