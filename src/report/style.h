#pragma once
/// The report style read at run time from reports/style.conf (key = value lines): clinic name,
/// fonts, sizes, margins, logo, default paper.

#include <filesystem>
#include <string>

#include "report/layout.h"

namespace ankylos::report {

struct ReportStyle {
    std::string clinicName = "Rheumatology Clinic";
    std::string fontFamily = kDefaultFontFamily;
    double bodyFontSize = 8.5;
    double marginMm = 14;
    std::filesystem::path logo;  ///< absolute; empty: no logo
    Paper paper = Paper::A4;

    LayoutStyle layoutStyle() const;
};

/// Where the report files are: $ANKYLOS_DATA_DIR/reports when the variable is set, else
/// <executable dir>/../share/ankylos/reports (an installed package), else the source tree's
/// reports/ (development builds). Throws ReportError naming every place tried when none has
/// style.conf.
std::filesystem::path reportsDirectory();

/// Reads directory/style.conf. Throws ReportError naming the file and line for a missing file,
/// an unknown key or a bad value, and for a logo that does not exist.
ReportStyle loadStyle(const std::filesystem::path& directory);

/// loadStyle(reportsDirectory()).
ReportStyle loadDefaultStyle();

}  // namespace ankylos::report
