// The layout engine on the document model, without any PDF: page breaking, the repeated table
// header, the page header on every page, paper sizes.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/validation.h"
#include "report/layout.h"
#include "report/text.h"

namespace ankylos::report {
namespace {

Document documentWithTable(int rows) {
    Document doc;
    doc.header = {
        "Test Clinic", "Patient report", "ID X1 \u00b7 王小明", "born 1980-01-01", "2026-01-02", "", ""};
    doc.blocks.push_back(Heading{"Tables", 1});
    Table table;
    table.caption = "Visits";
    table.header = {"Visit date", "Score column"};
    for (int i = 0; i < rows; ++i)
        table.rows.push_back({{"row " + std::to_string(i)}, {std::to_string(i * 2)}});
    doc.blocks.push_back(table);
    doc.blocks.push_back(Paragraph{"After the table.", false});
    return doc;
}

std::vector<const PlacedItem*> textsOn(const LaidOutPage& page, const std::string& text) {
    std::vector<const PlacedItem*> found;
    for (const PlacedItem& item : page.items)
        if (item.kind == PlacedItem::Kind::Text && item.text == text)
            found.push_back(&item);
    return found;
}

TEST(Layout, ShortTableFitsOnePage) {
    LaidOutDocument laid = layOut(documentWithTable(5), Paper::A4);
    EXPECT_EQ(laid.pageCount(), 1);
    EXPECT_EQ(textsOn(laid.pages[0], "Visit date").size(), 1u);
    EXPECT_EQ(textsOn(laid.pages[0], "Page 1 of 1").size(), 1u);
}

TEST(Layout, LongTableBreaksAndRepeatsItsHeaderRow) {
    LaidOutDocument laid = layOut(documentWithTable(200), Paper::A4);
    ASSERT_GE(laid.pageCount(), 3);
    int rowsSeen = 0;
    for (int p = 0; p < laid.pageCount(); ++p) {
        SCOPED_TRACE("page " + std::to_string(p + 1));
        const LaidOutPage& page = laid.pages[p];
        EXPECT_EQ(textsOn(page, "Visit date").size(), 1u);
        EXPECT_EQ(textsOn(page, "Score column").size(), 1u);
        EXPECT_EQ(textsOn(page, p == 0 ? "Visits" : "Visits (continued)").size(), 1u);
        EXPECT_EQ(
            textsOn(page, "Page " + std::to_string(p + 1) + " of " + std::to_string(laid.pageCount())).size(),
            1u);
        EXPECT_EQ(textsOn(page, "Printed 2026-01-02").size(), 1u);
        // The header row comes before every data row of its page.
        double headerY = textsOn(page, "Visit date").front()->box.y;
        for (const PlacedItem& item : page.items) {
            if (item.kind != PlacedItem::Kind::Text || item.text.rfind("row ", 0) != 0)
                continue;
            ++rowsSeen;
            EXPECT_GT(item.box.y, headerY);
            EXPECT_LT(item.box.y, laid.size.height - 40);
        }
    }
    EXPECT_EQ(rowsSeen, 200);  // every row placed exactly once
}

TEST(Layout, RowsAreInOrderAcrossPages) {
    LaidOutDocument laid = layOut(documentWithTable(120), Paper::Letter);
    int expected = 0;
    for (const LaidOutPage& page : laid.pages)
        for (const PlacedItem& item : page.items)
            if (item.kind == PlacedItem::Kind::Text && item.text.rfind("row ", 0) == 0) {
                EXPECT_EQ(item.text, "row " + std::to_string(expected++));
            }
    EXPECT_EQ(expected, 120);
}

TEST(Layout, NothingRunsPastTheBottomMargin) {
    Document doc = documentWithTable(90);
    for (int i = 0; i < 8; ++i)
        doc.blocks.push_back(ChartBlock{[](cairo_t*, const Box&) { return std::vector<ChartHit>{}; }, 220});
    LayoutStyle style;
    LaidOutDocument laid = layOut(doc, Paper::A4, style);
    for (const LaidOutPage& page : laid.pages)
        for (const PlacedItem& item : page.items)
            if (item.kind == PlacedItem::Kind::Chart) {
                EXPECT_LE(item.box.y + item.box.height, laid.size.height - style.margin + 0.01);
            }
    EXPECT_EQ(laid.charts.size(), 8u);
}

TEST(Layout, HeadingIsNotLeftAloneAtTheFootOfAPage) {
    Document doc;
    doc.header = {"Clinic", "Report", "", "", "2026-01-01", "", ""};
    // Fill the first page almost to the bottom, then a heading and a paragraph.
    doc.blocks.push_back(ChartBlock{[](cairo_t*, const Box&) { return std::vector<ChartHit>{}; }, 700});
    doc.blocks.push_back(Heading{"Lonely heading", 1});
    doc.blocks.push_back(Paragraph{"Its text.", false});
    LaidOutDocument laid = layOut(doc, Paper::A4);
    ASSERT_EQ(laid.pageCount(), 2);
    EXPECT_TRUE(textsOn(laid.pages[0], "Lonely heading").empty());
    EXPECT_EQ(textsOn(laid.pages[1], "Lonely heading").size(), 1u);
}

// Issue 17: a table's note row ("no visit or reading has been signed") spans the table instead of
// wrapping in its first column.
TEST(Layout, AOneCellRowSpansTheTable) {
    Document doc = documentWithTable(0);
    Table& table = std::get<Table>(doc.blocks[1]);
    table.header = {"Record", "Date", "Signed by", "Status"};
    table.rows.push_back({{"no visit or reading has been signed"}});
    LaidOutDocument laid = layOut(doc, Paper::A4);
    const auto note = textsOn(laid.pages[0], "no visit or reading has been signed");
    ASSERT_EQ(note.size(), 1u);
    const double firstColumn = textsOn(laid.pages[0], "Date").front()->box.x - note.front()->box.x;
    EXPECT_GT(note.front()->box.width, 3 * firstColumn);
    EXPECT_LT(note.front()->box.height, 20) << "one line";
}

// Issue 17: the closing notes and the signature lines share a page; when they do not fit at the
// foot of a page they move to the next together, never leaving the signature alone there.
TEST(Layout, TheSignatureNeverStandsAloneOnTheLastPage) {
    for (const double filled : {560.0, 620.0, 700.0}) {
        SCOPED_TRACE(filled);
        Document doc;
        doc.header = {"Clinic", "Report", "", "", "2026-01-01", "", ""};
        doc.blocks.push_back(
            ChartBlock{[](cairo_t*, const Box&) { return std::vector<ChartHit>{}; }, filled});
        doc.keepTogetherFrom = doc.blocks.size();
        doc.blocks.push_back(Heading{"Notes", 2});
        std::string rules;
        for (int i = 0; i < 40; ++i)
            rules +=
                "Rule " + std::to_string(i) + " of this report applies. ";  // several lines of small print
        doc.blocks.push_back(Paragraph{rules, true});
        doc.blocks.push_back(Heading{"Reviewed", 2});
        doc.blocks.push_back(SignatureLines{{"Reviewed by (name)", "Signature", "Date"}});
        LaidOutDocument laid = layOut(doc, Paper::A4);
        const LaidOutPage& last = laid.pages.back();
        EXPECT_EQ(textsOn(last, "Signature").size(), 1u);
        EXPECT_EQ(textsOn(last, "Notes").size(), 1u) << "the notes come along with the signature";
    }
}

/// The header's text items and its rule (the first Line item at the top of the page).
struct HeaderParts {
    std::vector<const PlacedItem*> texts;
    double ruleY = 0;
};
HeaderParts headerOf(const LaidOutPage& page, const LayoutStyle& style) {
    HeaderParts parts;
    for (const PlacedItem& item : page.items)
        if (item.kind == PlacedItem::Kind::Line && item.box.height == 0 && item.box.y < 200) {
            parts.ruleY = item.box.y;
            break;
        }
    for (const PlacedItem& item : page.items)
        if (item.kind == PlacedItem::Kind::Text && item.box.y < parts.ruleY &&
            item.box.y >= style.margin - 0.01)
            parts.texts.push_back(&item);
    return parts;
}

bool overlap(const PlacedItem& a, double aWidth, const PlacedItem& b, double bWidth) {
    auto left = [](const PlacedItem& i, double w) { return i.align == Align::Right ? i.box.x - w : i.box.x; };
    double ax = left(a, aWidth), bx = left(b, bWidth);
    return ax < bx + bWidth && bx < ax + aWidth && a.box.y < b.box.y + b.box.height &&
           b.box.y < a.box.y + a.box.height;
}

// Blocker of issue 17: a 60-character patient name and a long clinic name wrap (or shrink) and the
// header grows to hold them: no header text reaches the rule, no two header texts overlap, and the
// body starts below the rule.
TEST(Layout, HeaderFitsLongPatientAndClinicNames) {
    Document doc = documentWithTable(80);
    const std::string name = "Maria-Magdalena Alexandrina Konstantinopoulou-Wijnberg-Smith";
    ASSERT_GE(name.size(), 60u);
    doc.header = {
        "Universitätsklinikum für Rheumatologie, Klinische Immunologie und Osteologie, Ambulanz Nord",
        "Patient report",
        "ID AS-000123 \u00b7 " + name,
        "born 1980-01-01",
        "2026-01-02",
        "",
        ""};
    LayoutStyle style;
    style.logo = std::string(ANKYLOS_REPORTS_DIR) + "/logo.png";
    for (const LaidOutDocument& laid : {layOut(doc, Paper::A4, style), layOut(doc, Paper::Letter, style)}) {
        ASSERT_GE(laid.pageCount(), 2);
        for (const LaidOutPage& page : laid.pages) {
            HeaderParts header = headerOf(page, style);
            ASSERT_GT(header.ruleY, 0);
            ASSERT_GE(header.texts.size(), 4u);  // clinic, subject, page number, date printed
            std::vector<double> widths;
            for (const PlacedItem* t : header.texts) {
                EXPECT_LE(t->box.y + t->box.height, header.ruleY) << t->text;
                widths.push_back(t->box.width > 0 ? t->box.width : measureText(t->text, t->font).width);
            }
            for (std::size_t i = 0; i < header.texts.size(); ++i)
                for (std::size_t j = i + 1; j < header.texts.size(); ++j)
                    EXPECT_FALSE(overlap(*header.texts[i], widths[i], *header.texts[j], widths[j]))
                        << header.texts[i]->text << " / " << header.texts[j]->text;
            for (const PlacedItem& item : page.items)
                if (item.kind == PlacedItem::Kind::Text && item.text.rfind("row ", 0) == 0) {
                    EXPECT_GT(item.box.y, header.ruleY);
                }
        }
    }
    // A short header keeps the usual height: the rule moves only when names need the room.
    LaidOutDocument shortHeader = layOut(documentWithTable(80), Paper::A4, style);
    EXPECT_NEAR(headerOf(shortHeader.pages[0], style).ruleY, style.margin + style.headerHeight - 8, 0.01);
    EXPECT_GT(headerOf(layOut(doc, Paper::A4, style).pages[0], style).ruleY,
              headerOf(shortHeader.pages[0], style).ruleY);
}

TEST(Layout, NumericColumnsAreRightAligned) {
    Document doc;
    Table table;
    table.header = {"Date", "Score"};
    table.numeric = {false, true};
    table.rows.push_back({{"2020-01-01"}, {"12.5"}});
    doc.blocks.push_back(table);
    LaidOutDocument laid = layOut(doc, Paper::A4);
    EXPECT_EQ(textsOn(laid.pages[0], "12.5").front()->align, Align::Right);
    EXPECT_EQ(textsOn(laid.pages[0], "Score").front()->align, Align::Right);
    EXPECT_EQ(textsOn(laid.pages[0], "2020-01-01").front()->align, Align::Left);
}

TEST(Layout, PaperSizes) {
    EXPECT_NEAR(pageSize(Paper::A4).width, 595.28, 0.01);
    EXPECT_NEAR(pageSize(Paper::A4).height, 841.89, 0.01);
    EXPECT_EQ(pageSize(Paper::Letter).width, 612);
    EXPECT_EQ(pageSize(Paper::Letter).height, 792);
    EXPECT_EQ(parsePaper("A4"), Paper::A4);
    EXPECT_EQ(parsePaper("letter"), Paper::Letter);
    EXPECT_THROW(parsePaper("a5"), core::ValidationError);
    // Letter is shorter: the same long table needs at least as many pages.
    EXPECT_GE(layOut(documentWithTable(300), Paper::Letter).pageCount(),
              layOut(documentWithTable(300), Paper::A4).pageCount());
}

TEST(Layout, RenderPageRefusesAPageThatDoesNotExist) {
    LaidOutDocument laid = layOut(documentWithTable(3), Paper::A4);
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10);
    cairo_t* cr = cairo_create(surface);
    EXPECT_THROW(renderPage(cr, laid, 1), InternalError);
    EXPECT_NO_THROW(renderPage(cr, laid, 0));
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
}

}  // namespace
}  // namespace ankylos::report
