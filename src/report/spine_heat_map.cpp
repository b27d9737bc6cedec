/// The spine heat map (charts.h: drawSpineHeatMap): 24 site rows C2_inf..S1_sup (site IDs of
/// docs/methods.md 1.1) by one column per reading, films in date order.

#include <algorithm>
#include <map>
#include <utility>

#include "core/format.h"
#include "report/chart_kit.h"
#include "report/charts.h"

namespace ankylos::report {

namespace {
using namespace detail;

constexpr double kFilmGap = 5;     ///< between the columns of two films
constexpr double kSegmentGap = 4;  ///< between the cervical and the lumbar rows

/// The grid geometry: where each column and row is.
struct HeatGrid {
    double x = 0, y = 0, cellWidth = 0, cellHeight = 0;
    std::vector<double> columnX;
    double rowY(int site) const {
        return y + site * cellHeight + (site >= core::kSitesPerSegment ? kSegmentGap : 0);
    }
};

HeatGrid gridFor(const CourseData& data, const Box& rest, double labelWidth, double headerHeight) {
    HeatGrid grid;
    grid.x = rest.x + labelWidth;
    grid.y = rest.y + headerHeight;
    const int columns = static_cast<int>(data.heatMap.size());
    int films = 0;
    for (const HeatMapColumn& column : data.heatMap)
        films += column.firstOfFilm ? 1 : 0;
    const double gaps = kFilmGap * std::max(0, films - 1);
    grid.cellWidth = std::clamp((rest.width - labelWidth - gaps) / columns, 4.0, 48.0);
    grid.cellHeight = std::max(4.0, (rest.height - headerHeight - kSegmentGap) / core::kSiteCount);
    double x = grid.x;
    for (int c = 0; c < columns; ++c) {
        if (c > 0 && data.heatMap[c].firstOfFilm)
            x += kFilmGap;
        grid.columnX.push_back(x);
        x += grid.cellWidth;
    }
    return grid;
}

/// A reader's initials ("Reader A": "RA").
std::string initialsOf(const std::string& reader) {
    std::string initials;
    bool start = true;
    for (char c : reader) {
        if (start && c != ' ')
            initials += c;
        start = c == ' ';
    }
    return initials;
}

/// Each reader's short name, in the order readers first appear: the initials, numbered ("RA1",
/// "RA2") when two readers share them, so no short name stands for two readers.
std::vector<std::pair<std::string, std::string>> readerShortNames(const std::vector<HeatMapColumn>& columns) {
    std::vector<std::string> readers;
    for (const HeatMapColumn& column : columns)
        if (!column.reader.empty() &&
            std::find(readers.begin(), readers.end(), column.reader) == readers.end())
            readers.push_back(column.reader);
    std::map<std::string, int> sharing;
    for (const std::string& reader : readers)
        ++sharing[initialsOf(reader)];
    std::map<std::string, int> numbered;
    std::vector<std::pair<std::string, std::string>> names;
    for (const std::string& reader : readers) {
        const std::string initials = initialsOf(reader);
        names.emplace_back(
            reader, sharing[initials] > 1 ? initials + std::to_string(++numbered[initials]) : initials);
    }
    return names;
}

/// The reader's name when it fits with a gap to its neighbour's, else its short name.
std::string readerLabel(const std::string& reader,
                        const std::vector<std::pair<std::string, std::string>>& shortNames, const Font& font,
                        double width) {
    if (measureText(reader, font).width <= width - 4)
        return reader;
    for (const auto& [name, shortName] : shortNames)
        if (name == reader)
            return shortName;
    return reader;
}

/// Dates over each film's columns (short when narrow, skipped when they would overlap); readers under them.
void drawHeader(cairo_t* cr, const CourseData& data, const HeatGrid& grid, const Font& font, double top) {
    const auto shortNames = readerShortNames(data.heatMap);
    const double lineHeight = measureText("0", font).height;
    const double fullWidth = measureText("2020-00-00", font).width + 4;
    double freeFrom = -1e9;
    for (std::size_t c = 0; c < data.heatMap.size(); ++c) {
        const HeatMapColumn& column = data.heatMap[c];
        if (column.firstOfFilm) {
            std::size_t end = c + 1;
            while (end < data.heatMap.size() && !data.heatMap[end].firstOfFilm)
                ++end;
            const double span = grid.columnX[end - 1] + grid.cellWidth - grid.columnX[c];
            std::string label = core::toIsoString(column.date);
            if (span < fullWidth)
                label = label.substr(0, 7);
            const double width = measureText(label, font).width;
            const double centre = grid.columnX[c] + span / 2;
            if (centre - width / 2 >= freeFrom) {
                drawText(cr, label, font, centre, top, -1, Align::Centre, kInk);
                freeFrom = centre + width / 2 + 3;
            }
        }
        drawText(cr, readerLabel(column.reader, shortNames, font, grid.cellWidth), font,
                 grid.columnX[c] + grid.cellWidth / 2, top + lineHeight, -1, Align::Centre, kMutedInk);
    }
}

std::string cellText(const HeatMapColumn& column, core::Site site, int grade, int s,
                     const Language& language) {
    std::string text = core::toIsoString(column.date) + " " + core::siteId(site) + ", " +
                       (column.reader.empty() ? language.tr("no reading") : column.reader) + ": " +
                       (grade >= 0                     ? language.trf("grade {1}", {std::to_string(grade)})
                        : grade == kGradeNotAssessable ? language.tr("not assessable")
                                                       : language.tr("not scored"));
    if (column.newSyndesmophyte[s])
        text += ", " + language.trf("new syndesmophyte or bridging since this reader's film of {1}",
                                    {column.previousFilm});
    if (column.regression[s])
        text += ", " + language.trf("regression since this reader's film of {1} (quality flag: review)",
                                    {column.previousFilm});
    return text;
}

void drawRegressionMark(cairo_t* cr, const Box& cell) {
    const double r = std::min(cell.width, cell.height) * 0.2;
    drawMarker(cr, Marker::TriangleDown, cell.x + cell.width - 1.2 * r - 2, cell.y + r + 2, r, kInk);
}

void drawCell(cairo_t* cr, const HeatMapColumn& column, int s, const Box& cell, const Font& font) {
    const int grade = column.grades[s];
    cairo_save(cr);
    cairo_rectangle(cr, cell.x, cell.y, cell.width, cell.height);
    setColour(cr, grade >= 0                     ? gradeColour(grade)
                  : grade == kGradeNotAssessable ? Colour{0.90, 0.90, 0.90}
                                                 : Colour{1, 1, 1});
    cairo_fill(cr);
    if (grade == kGradeNotAssessable)
        hatch(cr, cell, kAxisLine);
    cairo_rectangle(cr, cell.x, cell.y, cell.width, cell.height);
    setColour(cr, grade == kGradeNotScored ? kGridLine : Colour{1, 1, 1});
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
    if (column.newSyndesmophyte[s]) {  // ink, lined with white inside: seen on the darkest grade too
        setColour(cr, kInk);
        cairo_set_line_width(cr, 1.6);
        cairo_rectangle(cr, cell.x + 1, cell.y + 1, cell.width - 2, cell.height - 2);
        cairo_stroke(cr);
        setColour(cr, {1, 1, 1});
        cairo_set_line_width(cr, 0.6);
        cairo_rectangle(cr, cell.x + 2.1, cell.y + 2.1, cell.width - 4.2, cell.height - 4.2);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
    if (grade >= 0) {  // the grade itself, so the map reads without colour
        const double h = measureText("0", font).height;
        drawText(cr, std::to_string(grade), font, cell.x + cell.width / 2, cell.y + (cell.height - h) / 2, -1,
                 Align::Centre, gradeTextColour(grade));
    }
    if (column.regression[s])
        drawRegressionMark(cr, cell);
}

/// The key to the map, and each reader's full name once after the short name the header may use.
std::vector<LegendEntry> heatMapLegend(const std::vector<HeatMapColumn>& columns, const Language& language) {
    std::vector<LegendEntry> legend;
    for (int grade = 0; grade <= 3; ++grade)
        legend.push_back(
            {language.trf("grade {1}", {std::to_string(grade)}), gradeColour(grade), false, Marker::Band});
    legend.push_back({language.tr("not assessable (hatched)"), {0.90, 0.90, 0.90}, false, Marker::Hatched});
    legend.push_back({language.tr("not scored (blank)"), {1, 1, 1}, false, Marker::Band});
    legend.push_back({language.tr("new syndesmophyte or bridging (outlined)"), kInk, false, Marker::Outline});
    legend.push_back({language.tr("regression: lower than the reader's previous film (quality flag)"), kInk,
                      false, Marker::TriangleDown});
    for (const auto& [reader, shortName] : readerShortNames(columns))
        legend.push_back({shortName + ": " + reader, kInk, false, Marker::None});
    return legend;
}

}  // namespace

std::vector<ChartHit> drawSpineHeatMap(cairo_t* cr, const CourseData& data, const Box& box) {
    const std::string title = data.language.tr("Spine heat map (mSASSS grade per site, every reader)");
    if (data.heatMap.empty())
        return drawNoData(cr, box, title, data.language.tr("No spine radiographs recorded."));
    std::vector<ChartHit> hits;
    const Box rest = drawTitleAndLegend(cr, box, title, heatMapLegend(data.heatMap, data.language));
    const Font labelFont = chartFont(box, 0.9);
    const double lineHeight = measureText("0", labelFont).height;
    const HeatGrid grid =
        gridFor(data, rest, measureText("T12_inf", labelFont).width + 6, 2 * lineHeight + 3);
    drawHeader(cr, data, grid, labelFont, rest.y);
    for (int s = 0; s < core::kSiteCount; ++s) {
        const core::Site site = core::allSites()[s];
        const double y = grid.rowY(s);
        drawText(cr, core::siteId(site), labelFont, grid.x - 4, y + (grid.cellHeight - lineHeight) / 2, -1,
                 Align::Right, kMutedInk);
        for (std::size_t c = 0; c < data.heatMap.size(); ++c) {
            const Box cell{grid.columnX[c], y, grid.cellWidth, grid.cellHeight};
            drawCell(cr, data.heatMap[c], s, cell, labelFont);
            hits.push_back(
                {cell, cellText(data.heatMap[c], site, data.heatMap[c].grades[s], s, data.language)});
        }
    }
    return hits;
}

}  // namespace ankylos::report
