#include "report/layout.h"

#include <cairo-pdf.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <numeric>

#include "core/validation.h"
#include "report/errors.h"
#include "report/language.h"

namespace ankylos::report {

std::string toString(Paper paper) {
    return paper == Paper::A4 ? "a4" : "letter";
}

Paper parsePaper(const std::string& text, const std::string& field) {
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (lower == "a4")
        return Paper::A4;
    if (lower == "letter")
        return Paper::Letter;
    throw core::ValidationError(field, text, "a4 or letter");
}

PageSize pageSize(Paper paper) {
    // ISO 216 A4 is 210 x 297 mm; US Letter is 8.5 x 11 in. In points (1/72 in).
    return paper == Paper::A4 ? PageSize{595.276, 841.890} : PageSize{612.0, 792.0};
}

namespace {

constexpr Colour kHeaderFill{0.90, 0.92, 0.95};
constexpr Colour kStripeFill{0.965, 0.97, 0.975};
/// Tables of at most this many rows are kept on one page.
constexpr std::size_t kShortTableRows = 3;
constexpr double kCellPadX = 3;
constexpr double kCellPadY = 2;

class LayoutEngine {
public:
    LayoutEngine(Paper paper, const LayoutStyle& style, const PageHeader& header)
        : m_style(style), m_header(header) {
        m_result.size = pageSize(paper);
        m_left = style.margin;
        m_width = m_result.size.width - 2 * style.margin;
        loadLogo();
        planHeader();
        planFooter();
        newPage();
    }

    void add(const Block& block) {
        std::visit([this](const auto& b) { place(b); }, block);
    }

    /// Places blocks on one page: where they are when they fit there, else from the top of the next
    /// page when they fit on one, else where they are, running over.
    void addTogether(const std::vector<Block>& blocks) {
        const Mark start = mark();
        for (const Block& block : blocks)
            add(block);
        if (m_result.pages.size() == start.pages || start.atTop)
            return;
        rollBack(start);
        newPage();
        for (const Block& block : blocks)
            add(block);
        if (m_result.pages.size() == start.pages + 1)
            return;
        rollBack(start);
        for (const Block& block : blocks)
            add(block);
    }

    LaidOutDocument finish() {
        const int count = m_result.pageCount();
        for (int i = 0; i < count; ++i)
            addFurniture(m_result.pages[i], i + 1, count);
        return std::move(m_result);
    }

private:
    void loadLogo() {
        const LayoutStyle& style = m_style;
        if (!style.logo.empty()) {
            cairo_surface_t* logo = cairo_image_surface_create_from_png(style.logo.c_str());
            if (cairo_surface_status(logo) != CAIRO_STATUS_SUCCESS) {
                std::string why = cairo_status_to_string(cairo_surface_status(logo));
                cairo_surface_destroy(logo);
                throw ReportError("cannot read the report logo '" + style.logo + "': " + why);
            }
            m_result.logo.reset(logo, cairo_surface_destroy);
        }
    }

    Font bodyFont(bool bold = false, double scale = 1.0) const {
        Font f;
        f.size = m_style.bodyFontSize * scale;
        f.bold = bold;
        f.family = m_style.fontFamily;
        return f;
    }

    /// Where placing has got to, to place a group of blocks again elsewhere.
    struct Mark {
        std::size_t pages, items, charts;
        double y;
        bool atTop;
    };
    Mark mark() const {
        return {m_result.pages.size(), m_result.pages.back().items.size(), m_result.charts.size(), m_y,
                atTop()};
    }
    void rollBack(const Mark& to) {
        m_result.pages.resize(to.pages);
        m_result.pages.back().items.resize(to.items);
        m_result.charts.resize(to.charts);
        m_y = to.y;
    }

    void newPage() {
        m_result.pages.emplace_back();
        m_y = m_top;
    }
    bool atTop() const { return m_y <= m_top + 0.01; }
    double room() const { return m_bottom - m_y; }
    /// Moves to a new page unless `height` fits (or the page is still empty).
    void ensureRoom(double height) {
        if (height > room() && !atTop())
            newPage();
    }
    LaidOutPage& page() { return m_result.pages.back(); }

    void text(const std::string& s, const Font& font, double x, double y, double width,
              Align align = Align::Left, const Colour& colour = kInk) {
        page().items.push_back(textItem(s, font, x, y, width, align, colour));
    }
    /// A text item whose box is as tall as the text measures (wrapped to width when width > 0).
    static PlacedItem textItem(const std::string& s, const Font& font, double x, double y, double width,
                               Align align, const Colour& colour) {
        PlacedItem item;
        item.kind = PlacedItem::Kind::Text;
        item.box = {x, y, width, measureText(s, font, width).height};
        item.text = s;
        item.font = font;
        item.align = align;
        item.colour = colour;
        return item;
    }
    void fill(const Box& box, const Colour& colour) {
        PlacedItem item;
        item.kind = PlacedItem::Kind::Fill;
        item.box = box;
        item.colour = colour;
        page().items.push_back(item);
    }
    void line(double x0, double y0, double x1, double y1, const Colour& colour, double width) {
        PlacedItem item;
        item.kind = PlacedItem::Kind::Line;
        item.box = {x0, y0, x1 - x0, y1 - y0};
        item.colour = colour;
        item.lineWidth = width;
        page().items.push_back(item);
    }

    void place(const Heading& heading) {
        Font font = bodyFont(true, heading.level == 1 ? 1.45 : 1.15);
        double before = heading.level == 1 ? 10 : 6;
        double height = measureText(heading.text, font, m_width).height;
        // Keep a heading with at least a few lines of what follows it.
        ensureRoom(before + height + 60);
        if (!atTop())
            m_y += before;
        text(heading.text, font, m_left, m_y, m_width, Align::Left, heading.level == 1 ? kSeries[0] : kInk);
        m_y += height + 3;
        if (heading.level == 1) {
            line(m_left, m_y, m_left + m_width, m_y, kSeries[0], 0.6);
            m_y += 4;
        }
    }

    void place(const Paragraph& paragraph) {
        Font font = bodyFont(false, paragraph.small ? 0.9 : 1.0);
        std::string::size_type start = 0;
        // One piece per line of the text, so that a long note can continue on the next page.
        while (start <= paragraph.text.size()) {
            auto end = paragraph.text.find('\n', start);
            std::string piece =
                paragraph.text.substr(start, end == std::string::npos ? std::string::npos : end - start);
            double height = measureText(piece, font, m_width).height;
            ensureRoom(height);
            text(piece, font, m_left, m_y, m_width, Align::Left, paragraph.small ? kMutedInk : kInk);
            m_y += height + 2;
            if (end == std::string::npos)
                break;
            start = end + 1;
        }
        m_y += 3;
    }

    void place(const KeyValues& keyValues) {
        // Two label-value pairs per line: label 17 %, value 33 %.
        const double labelWidth = m_width * 0.17, valueWidth = m_width * 0.33;
        Font label = bodyFont(true), value = bodyFont();
        for (std::size_t i = 0; i < keyValues.rows.size(); i += 2) {
            double height = 0;
            for (std::size_t j = i; j < std::min(i + 2, keyValues.rows.size()); ++j) {
                height = std::max(height, measureText(keyValues.rows[j].first, label, labelWidth - 6).height);
                height =
                    std::max(height, measureText(keyValues.rows[j].second, value, valueWidth - 6).height);
            }
            ensureRoom(height + 2);
            for (std::size_t j = i; j < std::min(i + 2, keyValues.rows.size()); ++j) {
                double x = m_left + (j - i) * (labelWidth + valueWidth);
                text(keyValues.rows[j].first, label, x, m_y, labelWidth - 6, Align::Left, kMutedInk);
                text(keyValues.rows[j].second, value, x + labelWidth, m_y, valueWidth - 6);
            }
            m_y += height + 2;
        }
        m_y += 4;
    }

    std::vector<double> columnWidths(const Table& table) const {
        std::size_t n = table.header.size();
        std::vector<double> weights = table.columnWeights;
        if (weights.size() != n)
            weights.assign(n, 1.0);
        double sum = 0;
        for (double w : weights)
            sum += w;
        std::vector<double> widths;
        for (double w : weights)
            widths.push_back(m_width * w / sum);
        return widths;
    }

    /// The widths a row's cells take: a row of one cell in a table of several columns is a note
    /// ("no visit or reading has been signed") spanning the table.
    static std::vector<double> cellWidths(const std::vector<TableCell>& cells,
                                          const std::vector<double>& columns) {
        if (cells.size() == 1 && columns.size() > 1)
            return {std::accumulate(columns.begin(), columns.end(), 0.0)};
        return columns;
    }

    double rowHeight(const std::vector<TableCell>& cells, const std::vector<double>& columns,
                     const Font& font) const {
        const std::vector<double> widths = cellWidths(cells, columns);
        double height = 0;
        for (std::size_t c = 0; c < cells.size() && c < widths.size(); ++c) {
            Font f = font;
            f.bold = f.bold || cells[c].alert;  // measured as drawn: alert cells are bold
            height = std::max(height, measureText(cells[c].text, f, widths[c] - 2 * kCellPadX).height);
        }
        return height + 2 * kCellPadY;
    }

    void placeRow(const std::vector<TableCell>& cells, const std::vector<double>& columns,
                  const std::vector<bool>& numeric, const Font& font, double height, bool header,
                  bool stripe) {
        const std::vector<double> widths = cellWidths(cells, columns);
        if (header)
            fill({m_left, m_y, m_width, height}, kHeaderFill);
        else if (stripe)
            fill({m_left, m_y, m_width, height}, kStripeFill);
        double x = m_left;
        for (std::size_t c = 0; c < cells.size() && c < widths.size(); ++c) {
            Font f = font;
            if (cells[c].alert)
                f.bold = true;
            const Align align = c < numeric.size() && numeric[c] ? Align::Right : Align::Left;
            text(cells[c].text, f, x + kCellPadX, m_y + kCellPadY, widths[c] - 2 * kCellPadX, align,
                 cells[c].alert ? kAlert : kInk);
            x += widths[c];
        }
        m_y += height;
        if (header)
            line(m_left, m_y, m_left + m_width, m_y, kAxisLine, 0.6);
    }

    void placeTableTop(const Table& table, const std::vector<TableCell>& header,
                       const std::vector<double>& widths, double headerHeight, bool continued) {
        Font captionFont = bodyFont(true, 1.05);
        if (!table.caption.empty()) {
            std::string caption = table.caption + (continued ? " " + m_header.continued : "");
            double h = measureText(caption, captionFont, m_width).height;
            text(caption, captionFont, m_left, m_y, m_width);
            m_y += h + 2;
        }
        placeRow(header, widths, table.numeric, bodyFont(true, 0.95), headerHeight, true, false);
    }

    void place(const Table& table) {
        std::vector<double> widths = columnWidths(table);
        Font headerFont = bodyFont(true, 0.95), cellFont = bodyFont(false, 0.95);
        std::vector<TableCell> header;
        for (const std::string& h : table.header)
            header.push_back({h, false});
        double headerHeight = rowHeight(header, widths, headerFont);
        double captionHeight =
            table.caption.empty() ? 0 : measureText(table.caption, bodyFont(true, 1.05), m_width).height + 2;
        // The caption and header never stand alone at the foot of a page, and a table of a few rows
        // (a comparison of two groups) is never split.
        double keep = 0;
        const std::size_t kept = table.rows.size() <= kShortTableRows ? table.rows.size() : 1;
        for (std::size_t r = 0; r < kept; ++r)
            keep += rowHeight(table.rows[r], widths, cellFont);
        ensureRoom(captionHeight + headerHeight + keep);
        placeTableTop(table, header, widths, headerHeight, false);
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            double height = rowHeight(table.rows[r], widths, cellFont);
            if (height > room()) {
                newPage();
                placeTableTop(table, header, widths, headerHeight, true);
            }
            placeRow(table.rows[r], widths, table.numeric, cellFont, height, false, r % 2 == 1);
        }
        line(m_left, m_y, m_left + m_width, m_y, kAxisLine, 0.6);
        m_y += 10;
    }

    void place(const ChartBlock& chart) {
        double height = std::min(chart.height, m_bottom - m_top);
        ensureRoom(height);
        PlacedItem item;
        item.kind = PlacedItem::Kind::Chart;
        item.box = {m_left, m_y, m_width, height};
        item.chart = static_cast<int>(m_result.charts.size());
        m_result.charts.push_back(chart);
        page().items.push_back(item);
        m_y += height + 10;
    }

    void place(const SignatureLines& signature) {
        const double gap = 18, lineY = 26;
        Font label = bodyFont(false, 0.9);
        double height = lineY + measureText("Ag", label).height + 6;
        ensureRoom(height);
        const double n = static_cast<double>(std::max<std::size_t>(1, signature.labels.size()));
        const double width = (m_width - gap * (n - 1)) / n;
        for (std::size_t i = 0; i < signature.labels.size(); ++i) {
            double x = m_left + i * (width + gap);
            line(x, m_y + lineY, x + width, m_y + lineY, kInk, 0.6);
            text(signature.labels[i], label, x, m_y + lineY + 2, width, Align::Left, kMutedInk);
        }
        m_y += height;
    }

    /// The header's text as it fits the page: the clinic (bold) and the subject line wrap to the
    /// room left of the page number, and shrink (down to 80 %) while either needs more than two
    /// lines; the body starts below whatever height that takes, so nothing overlaps the rule.
    void planHeader() {
        const double y = m_style.margin;
        double textLeft = m_left;
        if (m_result.logo)
            textLeft += m_style.headerHeight - 14 + 6;
        Font normal = bodyFont(false, 1.0);
        // The right column holds the page number and the date printed: room for the wider.
        m_rightWidth =
            std::max(measureText(substitute(m_header.pageOfPattern, {"999", "999"}), normal).width,
                     measureText(substitute(m_header.printedPattern, {m_header.printedDate}), normal).width);
        const double width = m_left + m_width - m_rightWidth - 12 - textLeft;
        std::string subject = m_header.title;
        if (!m_header.subject.empty())
            subject += " \u2014 " + m_header.subject;
        if (!m_header.subjectDetail.empty())
            subject += " \u2014 " + m_header.subjectDetail;
        for (double scale : {1.0, 0.9, 0.8}) {
            Font big = bodyFont(true, 1.2 * scale), small = bodyFont(false, scale);
            const double lineHeight = measureText("Ag", big).height,
                         smallLine = measureText("Ag", small).height;
            PlacedItem clinic = textItem(m_header.clinicName, big, textLeft, y, width, Align::Left, kInk);
            PlacedItem line2 =
                textItem(subject, small, textLeft, y + std::max(clinic.box.height, lineHeight) + 2, width,
                         Align::Left, kInk);
            m_headerItems = {clinic, line2};
            if (clinic.box.height <= 2.5 * lineHeight && line2.box.height <= 2.5 * smallLine)
                break;
        }
        const PlacedItem& last = m_headerItems.back();
        const double textBottom = last.box.y + last.box.height;
        m_ruleY = std::max(m_style.margin + m_style.headerHeight - 8, textBottom + 4);
        m_top = m_ruleY + 8;
    }

    /// The footer: the software and the time printed, above the bottom margin.
    void planFooter() {
        Font small = bodyFont(false, 0.85);
        // The header has the date; the footer adds the time printed and the software.
        std::string footer = m_header.software;
        if (!m_header.printedAt.empty())
            footer =
                substitute(m_header.software.empty() ? m_header.printedPattern : m_header.printedByPattern,
                           {m_header.printedAt, m_header.software});
        double height = measureText(footer.empty() ? "Ag" : footer, small).height;
        double y = m_result.size.height - m_style.margin - height;
        m_footerItems = {textItem(footer, small, m_left, y, m_width, Align::Left, kMutedInk)};
        m_bottom = y - 8;
    }

    void addFurniture(LaidOutPage& target, int number, int count) {
        std::vector<PlacedItem> items = m_headerItems;
        const double y = m_style.margin;
        Font normal = bodyFont(false, 1.0);
        if (m_result.logo) {
            PlacedItem logo;
            logo.kind = PlacedItem::Kind::Logo;
            const double logoSize = m_style.headerHeight - 14;
            logo.box = {m_left, y, logoSize, logoSize};
            items.push_back(logo);
        }
        const double right = m_left + m_width;
        std::string pageText =
            substitute(m_header.pageOfPattern, {std::to_string(number), std::to_string(count)});
        items.push_back(textItem(pageText, normal, right, y, 0, Align::Right, kInk));
        double line2 = y + items.back().box.height + 2;
        items.push_back(textItem(substitute(m_header.printedPattern, {m_header.printedDate}), normal, right,
                                 line2, 0, Align::Right, kMutedInk));
        PlacedItem rule;
        rule.kind = PlacedItem::Kind::Line;
        rule.box = {m_left, m_ruleY, m_width, 0};
        rule.colour = kAxisLine;
        rule.lineWidth = 0.8;
        items.push_back(rule);
        items.insert(items.end(), m_footerItems.begin(), m_footerItems.end());
        target.items.insert(target.items.begin(), items.begin(), items.end());
    }

    LayoutStyle m_style;
    PageHeader m_header;
    LaidOutDocument m_result;
    std::vector<PlacedItem> m_headerItems, m_footerItems;
    double m_left = 0, m_width = 0, m_top = 0, m_bottom = 0, m_y = 0, m_ruleY = 0, m_rightWidth = 0;
};

}  // namespace

LaidOutDocument layOut(const Document& document, Paper paper, const LayoutStyle& style) {
    LayoutEngine engine(paper, style, document.header);
    const std::size_t together =
        std::min(document.keepTogetherFrom.value_or(document.blocks.size()), document.blocks.size());
    for (std::size_t i = 0; i < together; ++i)
        engine.add(document.blocks[i]);
    engine.addTogether(
        {document.blocks.begin() + static_cast<std::ptrdiff_t>(together), document.blocks.end()});
    LaidOutDocument laid = engine.finish();
    laid.title = document.header.title;
    if (!document.header.subject.empty())
        laid.title += " \u2014 " + document.header.subject;
    laid.creator = document.header.software;
    return laid;
}

void renderPage(cairo_t* cr, const LaidOutDocument& document, int pageIndex) {
    if (pageIndex < 0 || pageIndex >= document.pageCount())
        throw InternalError("report page " + std::to_string(pageIndex + 1) +
                            " does not exist (the document has " + std::to_string(document.pageCount()) +
                            " pages)");
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, 0, 0, document.size.width, document.size.height);
    cairo_fill(cr);
    for (const PlacedItem& item : document.pages[pageIndex].items) {
        switch (item.kind) {
            case PlacedItem::Kind::Text:
                drawText(cr, item.text, item.font, item.box.x, item.box.y, item.box.width, item.align,
                         item.colour);
                break;
            case PlacedItem::Kind::Fill:
                setColour(cr, item.colour);
                cairo_rectangle(cr, item.box.x, item.box.y, item.box.width, item.box.height);
                cairo_fill(cr);
                break;
            case PlacedItem::Kind::Line:
                setColour(cr, item.colour);
                cairo_set_line_width(cr, item.lineWidth);
                cairo_move_to(cr, item.box.x, item.box.y);
                cairo_line_to(cr, item.box.x + item.box.width, item.box.y + item.box.height);
                cairo_stroke(cr);
                break;
            case PlacedItem::Kind::Chart:
                cairo_save(cr);
                cairo_rectangle(cr, item.box.x - 2, item.box.y - 2, item.box.width + 4, item.box.height + 4);
                cairo_clip(cr);
                document.charts.at(item.chart).draw(cr, item.box);
                cairo_restore(cr);
                break;
            case PlacedItem::Kind::Logo:
                if (document.logo) {
                    cairo_save(cr);
                    double w = cairo_image_surface_get_width(document.logo.get());
                    double h = cairo_image_surface_get_height(document.logo.get());
                    cairo_translate(cr, item.box.x, item.box.y);
                    cairo_scale(cr, item.box.width / w, item.box.height / h);
                    cairo_set_source_surface(cr, document.logo.get(), 0, 0);
                    cairo_paint(cr);
                    cairo_restore(cr);
                }
                break;
        }
    }
    cairo_restore(cr);
}

namespace {
struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;

void check(cairo_status_t status, const std::string& what, const std::string& path) {
    if (status != CAIRO_STATUS_SUCCESS)
        throw ReportError("cannot write " + what + " '" + path + "': " + cairo_status_to_string(status));
}
}  // namespace

void writePdf(const LaidOutDocument& document, const std::string& path, const files::OutputPolicy& policy) {
    files::OutputFile file(path, policy);
    {
        // cairo opens the temporary file by name: it exists already, so it keeps its mode 0600.
        SurfacePtr surface(
            cairo_pdf_surface_create(file.temp().c_str(), document.size.width, document.size.height));
        check(cairo_surface_status(surface.get()), "PDF file", path);
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, document.title.c_str());
        if (!document.creator.empty())
            cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR,
                                           document.creator.c_str());
        {
            ContextPtr cr(cairo_create(surface.get()));
            for (int i = 0; i < document.pageCount(); ++i) {
                renderPage(cr.get(), document, i);
                cairo_show_page(cr.get());
            }
            check(cairo_status(cr.get()), "PDF file", path);
        }
        cairo_surface_finish(surface.get());  // writes the rest and closes the file; errors show below
        check(cairo_surface_status(surface.get()), "PDF file", path);
    }
    file.commit();
}

void writePng(const LaidOutDocument& document, int pageIndex, double dpi, const std::string& path) {
    const double scale = dpi / 72.0;
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                  static_cast<int>(document.size.width * scale + 0.5),
                                                  static_cast<int>(document.size.height * scale + 0.5)));
    check(cairo_surface_status(surface.get()), "PNG image", path);
    {
        ContextPtr cr(cairo_create(surface.get()));
        cairo_scale(cr.get(), scale, scale);
        renderPage(cr.get(), document, pageIndex);
        check(cairo_status(cr.get()), "PNG image", path);
    }
    check(cairo_surface_write_to_png(surface.get(), path.c_str()), "PNG image", path);
}

}  // namespace ankylos::report
