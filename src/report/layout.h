#pragma once
/// The layout engine: places a Document on pages of a paper size. Every page gets the header
/// (clinic, title, patient or cohort, page N of M, date printed; long names wrap, then shrink, and the
/// header grows to hold them) and the footer (time printed, software); a block that does not fit moves
/// to the next page; tables break between rows and repeat their caption ("continued") and header row.

#include <memory>
#include <string>
#include <vector>

#include "files/output_file.h"
#include "report/document.h"
#include "report/text.h"

namespace ankylos::report {

enum class Paper { A4, Letter };
std::string toString(Paper paper);  ///< "a4", "letter"
/// Parses "a4" or "letter" (any case); throws ValidationError naming the field and the value.
Paper parsePaper(const std::string& text, const std::string& field = "paper");

struct PageSize {
    double width = 0;   ///< points
    double height = 0;  ///< points
};
PageSize pageSize(Paper paper);

/// One thing on a page: text, a filled or stroked rectangle, a line, or a chart.
struct PlacedItem {
    enum class Kind { Text, Fill, Line, Chart, Logo } kind = Kind::Text;
    Box box;  ///< text: x, y, wrap width (0 = no wrap), measured height; line: from (x, y) to (x + width, y +
              ///< height)
    std::string text;
    Font font;
    Align align = Align::Left;
    Colour colour = kInk;
    double lineWidth = 0.5;
    int chart = -1;  ///< index into LaidOutDocument::charts
};

struct LaidOutPage {
    std::vector<PlacedItem> items;
};

struct LaidOutDocument {
    PageSize size;
    std::vector<LaidOutPage> pages;
    std::vector<ChartBlock> charts;
    /// The header logo (a cairo image surface), shared by every page; null when there is none.
    std::shared_ptr<cairo_surface_t> logo;
    std::string title;    ///< the PDF's title metadata: "Patient report — ID AS-0001 · name"
    std::string creator;  ///< the PDF's creator metadata: "Ankylos 1.4.0"; empty: cairo's default
    int pageCount() const { return static_cast<int>(pages.size()); }
};

/// Measurements of the page furniture, in points.
struct LayoutStyle {
    double margin = 40;
    double headerHeight = 44;  ///< from the top margin to the body
    double bodyFontSize = 8.5;
    std::string fontFamily = kDefaultFontFamily;
    std::string logo;  ///< PNG drawn at the left of the header; empty: none
};

LaidOutDocument layOut(const Document& document, Paper paper, const LayoutStyle& style = {});

/// Draws one page of a laid-out document on any cairo context whose user units are points (PDF,
/// a scaled image surface, the printer). Throws InternalError for a page index out of range.
void renderPage(cairo_t* cr, const LaidOutDocument& document, int pageIndex);

/// Writes every page to a PDF file through files::OutputFile: a target the policy refuses (the
/// open database, any SQLite file, an existing file not to be replaced) throws
/// core::ValidationError before anything is drawn; the PDF is drawn beside its name (mode 0600)
/// and renamed at the end, so a failure leaves no half-written PDF and an older one untouched.
/// Throws ReportError naming the file when cairo cannot write it.
void writePdf(const LaidOutDocument& document, const std::string& path, const files::OutputPolicy& policy);

/// Writes one page as a PNG at the resolution given (dots per inch); throws ReportError.
void writePng(const LaidOutDocument& document, int pageIndex, double dpi, const std::string& path);

}  // namespace ankylos::report
