/// The two heat maps of the course (charts.h): the mSASSS spine heat map, 24 site rows C2_inf..S1_sup
/// (site IDs of docs/methods.md 1.1), and the CTSS heat map, 23 vertebral-unit rows C2/C3..L5/S1
/// (docs/methods.md 12). Both are one column per reading, films or scans in date order, drawn by
/// one grid (HeatSheet) so the two read alike.

#include <algorithm>
#include <map>
#include <utility>

#include "core/format.h"
#include "report/chart_kit.h"
#include "report/charts.h"

namespace ankylos::report {

namespace {
using namespace detail;

constexpr double kGroupGap = 5;    ///< between the columns of two films or scans
constexpr double kSegmentGap = 4;  ///< between two segments' rows

/// One cell: a value on the sheet's scale, or kGradeNotAssessable / kGradeNotScored.
struct HeatCell {
    int value = kGradeNotScored;
    bool partlyGraded = false;  ///< some of what the cell sums was not graded (a hatched corner)
    bool outlined = false;      ///< new bone since the reader's previous film or scan
    bool regression = false;    ///< lower than the reader's previous film or scan (quality flag)
    std::string hover;
};

/// One reading.
struct HeatColumn {
    core::Date date;
    std::string reader;
    bool firstOfGroup = true;  ///< the film's or scan's first reading
    std::vector<HeatCell> cells;
};

/// What one heat map draws.
struct HeatSheet {
    std::vector<std::string> rowLabels;
    std::vector<int> segmentStarts;  ///< rows that begin a new segment (a gap above them)
    int maximum = 3;                 ///< the value drawn darkest
    std::vector<HeatColumn> columns;
};

/// The grid geometry: where each column and row is.
struct HeatGrid {
    double x = 0, y = 0, cellWidth = 0, cellHeight = 0;
    std::vector<double> columnX;
    std::vector<double> rowY;
};

HeatGrid gridFor(const HeatSheet& sheet, const Box& rest, double labelWidth, double headerHeight) {
    HeatGrid grid;
    grid.x = rest.x + labelWidth;
    grid.y = rest.y + headerHeight;
    const int columns = static_cast<int>(sheet.columns.size());
    const int rows = static_cast<int>(sheet.rowLabels.size());
    int groups = 0;
    for (const HeatColumn& column : sheet.columns)
        groups += column.firstOfGroup ? 1 : 0;
    const double gaps = kGroupGap * std::max(0, groups - 1);
    const double segmentGaps = kSegmentGap * static_cast<double>(sheet.segmentStarts.size());
    grid.cellWidth = std::clamp((rest.width - labelWidth - gaps) / columns, 4.0, 48.0);
    grid.cellHeight = std::max(4.0, (rest.height - headerHeight - segmentGaps) / rows);
    double x = grid.x;
    for (int c = 0; c < columns; ++c) {
        if (c > 0 && sheet.columns[c].firstOfGroup)
            x += kGroupGap;
        grid.columnX.push_back(x);
        x += grid.cellWidth;
    }
    double y = grid.y;
    for (int r = 0; r < rows; ++r) {
        if (r > 0 && std::count(sheet.segmentStarts.begin(), sheet.segmentStarts.end(), r) > 0)
            y += kSegmentGap;
        grid.rowY.push_back(y);
        y += grid.cellHeight;
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
std::vector<std::pair<std::string, std::string>> readerShortNames(const std::vector<HeatColumn>& columns) {
    std::vector<std::string> readers;
    for (const HeatColumn& column : columns)
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

/// Dates over each group's columns (short when narrow, skipped when they would overlap); readers under them.
void drawHeader(cairo_t* cr, const HeatSheet& sheet, const HeatGrid& grid, const Font& font, double top) {
    const auto shortNames = readerShortNames(sheet.columns);
    const double lineHeight = measureText("0", font).height;
    const double fullWidth = measureText("2020-00-00", font).width + 4;
    double freeFrom = -1e9;
    for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
        const HeatColumn& column = sheet.columns[c];
        if (column.firstOfGroup) {
            std::size_t end = c + 1;
            while (end < sheet.columns.size() && !sheet.columns[end].firstOfGroup)
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

void drawRegressionMark(cairo_t* cr, const Box& cell) {
    const double r = std::min(cell.width, cell.height) * 0.2;
    drawMarker(cr, Marker::TriangleDown, cell.x + cell.width - 1.2 * r - 2, cell.y + r + 2, r, kInk);
}

/// Hatching over the cell's lower-left corner: part of what it sums was not graded.
void drawPartlyGradedCorner(cairo_t* cr, const Box& cell) {
    const double side = std::min(cell.width, cell.height) * 0.45;
    cairo_save(cr);
    cairo_move_to(cr, cell.x, cell.y + cell.height - side);
    cairo_line_to(cr, cell.x + side, cell.y + cell.height);
    cairo_line_to(cr, cell.x, cell.y + cell.height);
    cairo_close_path(cr);
    setColour(cr, {0.90, 0.90, 0.90});
    cairo_fill(cr);
    cairo_restore(cr);
    hatch(cr, {cell.x, cell.y + cell.height - side, side, side}, kAxisLine);
}

void drawCell(cairo_t* cr, const HeatCell& heat, int maximum, const Box& cell, const Font& font) {
    const Colour fill = heat.value >= 0                     ? scoreColour(heat.value, maximum)
                        : heat.value == kGradeNotAssessable ? Colour{0.90, 0.90, 0.90}
                                                            : Colour{1, 1, 1};
    cairo_save(cr);
    cairo_rectangle(cr, cell.x, cell.y, cell.width, cell.height);
    setColour(cr, fill);
    cairo_fill(cr);
    if (heat.value == kGradeNotAssessable)
        hatch(cr, cell, kAxisLine);
    cairo_rectangle(cr, cell.x, cell.y, cell.width, cell.height);
    setColour(cr, heat.value == kGradeNotScored ? kGridLine : Colour{1, 1, 1});
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
    if (heat.outlined) {  // ink, lined with white inside: seen on the darkest cell too
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
    if (heat.partlyGraded)
        drawPartlyGradedCorner(cr, cell);
    if (heat.value >= 0) {  // the value itself, so the map reads without colour
        const double h = measureText("0", font).height;
        drawText(cr, std::to_string(heat.value), font, cell.x + cell.width / 2,
                 cell.y + (cell.height - h) / 2, -1, Align::Centre, textColourOn(fill));
    }
    if (heat.regression)
        drawRegressionMark(cr, cell);
}

/// The legend's swatches shared by both maps after the value swatches, then each reader's full name
/// once after the short name the header may use.
void addCommonLegend(std::vector<LegendEntry>& legend, const HeatSheet& sheet, const Language& language,
                     const std::string& outlined, const std::string& regression) {
    legend.push_back({language.tr("not assessable (hatched)"), {0.90, 0.90, 0.90}, false, Marker::Hatched});
    legend.push_back({language.tr("not scored (blank)"), {1, 1, 1}, false, Marker::Band});
    legend.push_back({outlined, kInk, false, Marker::Outline});
    legend.push_back({regression, kInk, false, Marker::TriangleDown});
    for (const auto& [reader, shortName] : readerShortNames(sheet.columns))
        legend.push_back({shortName + ": " + reader, kInk, false, Marker::None});
}

std::vector<ChartHit> drawSheet(cairo_t* cr, const HeatSheet& sheet, const Box& box, const std::string& title,
                                const std::vector<LegendEntry>& legend) {
    std::vector<ChartHit> hits;
    const Box rest = drawTitleAndLegend(cr, box, title, legend);
    const Font labelFont = chartFont(box, 0.9);
    const double lineHeight = measureText("0", labelFont).height;
    double labelWidth = 0;
    for (const std::string& label : sheet.rowLabels)
        labelWidth = std::max(labelWidth, measureText(label, labelFont).width);
    const HeatGrid grid = gridFor(sheet, rest, labelWidth + 6, 2 * lineHeight + 3);
    drawHeader(cr, sheet, grid, labelFont, rest.y);
    for (std::size_t r = 0; r < sheet.rowLabels.size(); ++r) {
        const double y = grid.rowY[r];
        drawText(cr, sheet.rowLabels[r], labelFont, grid.x - 4, y + (grid.cellHeight - lineHeight) / 2, -1,
                 Align::Right, kMutedInk);
        for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
            const Box cell{grid.columnX[c], y, grid.cellWidth, grid.cellHeight};
            drawCell(cr, sheet.columns[c].cells[r], sheet.maximum, cell, labelFont);
            hits.push_back({cell, sheet.columns[c].cells[r].hover});
        }
    }
    return hits;
}

std::string msasssCellText(const HeatMapColumn& column, core::Site site, int grade, int s,
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

HeatSheet msasssSheet(const CourseData& data) {
    HeatSheet sheet;
    for (const core::Site& site : core::allSites())
        sheet.rowLabels.push_back(core::siteId(site));
    sheet.segmentStarts = {core::kSitesPerSegment};
    for (const HeatMapColumn& reading : data.heatMap) {
        HeatColumn column{reading.date, reading.reader, reading.firstOfFilm, {}};
        for (int s = 0; s < core::kSiteCount; ++s)
            column.cells.push_back(
                {reading.grades[s], false, reading.newSyndesmophyte[s], reading.regression[s],
                 msasssCellText(reading, core::allSites()[s], reading.grades[s], s, data.language)});
        sheet.columns.push_back(std::move(column));
    }
    return sheet;
}

/// "2022-05-04 T7/T8, Reader A: 9 of 24 (6 of 8 quadrants graded, 2 not assessable), 2 new or
/// growing syndesmophytes since this reader's scan of 2020-05-01".
std::string ctssCellText(const CtssHeatMapColumn& column, int unit, const Language& language) {
    const core::VertebralUnitTally& tally = column.units[unit];
    std::string text =
        core::toIsoString(column.date) + " " + core::vertebralUnitLabel(unit) + ", " + column.reader + ": ";
    if (tally.graded == 0)
        text += tally.notAssessable > 0 ? language.tr("not assessable") : language.tr("not scored");
    else
        text += language.trf("{1} of 24", {std::to_string(tally.gradedSum)});
    if (tally.graded > 0 && tally.graded < core::kQuadrantsPerUnit)
        text += " (" +
                language.trf("{1} of 8 quadrants graded, {2} not assessable, {3} not scored",
                             {std::to_string(tally.graded), std::to_string(tally.notAssessable),
                              std::to_string(tally.notScored)}) +
                ")";
    if (column.newOrGrowing[unit] > 0)
        text +=
            ", " + language.trf("{1} since this reader's scan of {2}",
                                {language.trn("{1} new or growing syndesmophyte",
                                              "{1} new or growing syndesmophytes", column.newOrGrowing[unit]),
                                 column.previousScan});
    if (column.regressions[unit] > 0)
        text +=
            ", " + language.trf("{1} since this reader's scan of {2} (quality flag: review)",
                                {language.trn("{1} regression", "{1} regressions", column.regressions[unit]),
                                 column.previousScan});
    return text;
}

HeatSheet ctssSheet(const CourseData& data) {
    HeatSheet sheet;
    for (int unit = 0; unit < core::kVertebralUnitCount; ++unit) {
        sheet.rowLabels.push_back(core::vertebralUnitLabel(unit));
        if (unit > 0 && core::segmentOfUnit(unit) != core::segmentOfUnit(unit - 1))
            sheet.segmentStarts.push_back(unit);
    }
    sheet.maximum = 3 * core::kQuadrantsPerUnit;
    for (const CtssHeatMapColumn& reading : data.ctssHeatMap) {
        HeatColumn column{reading.date, reading.reader, reading.firstOfScan, {}};
        for (int unit = 0; unit < core::kVertebralUnitCount; ++unit) {
            const core::VertebralUnitTally& tally = reading.units[unit];
            const int value = tally.graded > 0          ? tally.gradedSum
                              : tally.notAssessable > 0 ? kGradeNotAssessable
                                                        : kGradeNotScored;
            column.cells.push_back(
                {value,
                 tally.graded > 0 && tally.graded<core::kQuadrantsPerUnit, reading.newOrGrowing[unit]> 0,
                 reading.regressions[unit] > 0, ctssCellText(reading, unit, data.language)});
        }
        sheet.columns.push_back(std::move(column));
    }
    return sheet;
}

}  // namespace

std::vector<ChartHit> drawSpineHeatMap(cairo_t* cr, const CourseData& data, const Box& box) {
    const Language& language = data.language;
    const std::string title = language.tr("Spine heat map (mSASSS grade per site, every reader)");
    if (data.heatMap.empty())
        return drawNoData(cr, box, title, language.tr("No spine radiographs recorded."));
    const HeatSheet sheet = msasssSheet(data);
    std::vector<LegendEntry> legend;
    for (int grade = 0; grade <= 3; ++grade)
        legend.push_back(
            {language.trf("grade {1}", {std::to_string(grade)}), gradeColour(grade), false, Marker::Band});
    addCommonLegend(legend, sheet, language, language.tr("new syndesmophyte or bridging (outlined)"),
                    language.tr("regression: lower than the reader's previous film (quality flag)"));
    return drawSheet(cr, sheet, box, title, legend);
}

std::vector<ChartHit> drawCtssHeatMap(cairo_t* cr, const CourseData& data, const Box& box) {
    const Language& language = data.language;
    const std::string title =
        language.tr("CTSS heat map (sum of the graded quadrants per vertebral unit, 0-24, every reader)");
    if (data.ctssHeatMap.empty())
        return drawNoData(cr, box, title, language.tr("No CTSS readings recorded."));
    const HeatSheet sheet = ctssSheet(data);
    std::vector<LegendEntry> legend;
    for (int value : {0, 8, 16, 24})
        legend.push_back({std::to_string(value), scoreColour(value, sheet.maximum), false, Marker::Band});
    legend.push_back({language.tr("some quadrants not graded (hatched corner)"),
                      {0.90, 0.90, 0.90},
                      false,
                      Marker::Hatched});
    addCommonLegend(legend, sheet, language, language.tr("new or growing syndesmophyte (outlined)"),
                    language.tr("regression: lower than the reader's previous scan (quality flag)"));
    return drawSheet(cr, sheet, box, title, legend);
}

}  // namespace ankylos::report
