#pragma once
/// The document model of a report: a title block and a list of blocks (headings, paragraphs,
/// key-value summaries, tables, charts, notes), built from core results and knowing nothing of pages.

#include <cairo.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "report/charts.h"

namespace ankylos::report {

/// What every page's header shows.
struct PageHeader {
    std::string clinicName;
    std::string title;          ///< "Patient report", "Cohort summary"
    std::string subject;        ///< "ID P0001 · 王小明" or the cohort filter
    std::string subjectDetail;  ///< "born 1980-04-02"; empty for a cohort
    std::string printedDate;    ///< ISO date
    std::string printedAt;      ///< "2026-12-02 14:05" (local time) for the footer; empty: the date
    std::string software;       ///< "Ankylos 1.4.0" for the footer; empty: none
    /// The page furniture's words in the report's language; {1}, {2} stand for the numbers and dates.
    std::string pageOfPattern = "Page {1} of {2}";
    std::string printedPattern = "Printed {1}";
    std::string printedByPattern = "Printed {1} by {2}";
    std::string continued = "(continued)";  ///< after the caption of a table continued on the next page
};

struct Heading {
    std::string text;
    int level = 1;  ///< 1 section, 2 subsection
};

struct Paragraph {
    std::string text;
    bool small = false;  ///< notes and footnotes
};

/// Label-value pairs, laid out in two columns of pairs.
struct KeyValues {
    std::vector<std::pair<std::string, std::string>> rows;
};

struct TableCell {
    std::string text;
    bool alert = false;  ///< drawn bold in the alert colour (out of range, progression)
};

struct Table {
    std::string caption;
    std::vector<std::string> header;
    std::vector<double> columnWeights;  ///< relative widths; empty = equal
    std::vector<bool> numeric;          ///< per column: numbers, right-aligned (header too); empty = none
    std::vector<std::vector<TableCell>> rows;
};

/// A chart drawn by a function of the shared chart code into the box it is given.
struct ChartBlock {
    std::function<std::vector<ChartHit>(cairo_t*, const Box&)> draw;
    double height = 200;  ///< points
};

/// Lines to sign on paper, side by side, each with its label under it ("Reviewed by", "Signature",
/// "Date").
struct SignatureLines {
    std::vector<std::string> labels;
};

using Block = std::variant<Heading, Paragraph, KeyValues, Table, ChartBlock, SignatureLines>;

struct Document {
    PageHeader header;
    std::vector<Block> blocks;
    /// The blocks from this index to the end share one page when they fit on one (the closing notes
    /// with the signature lines, which never stand alone on a last page); empty: no such group.
    std::optional<std::size_t> keepTogetherFrom;
};

}  // namespace ankylos::report
