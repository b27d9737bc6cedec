// The patient report end to end: a real database written through the repositories, the PDF read
// back with poppler. Set ANKYLOS_REPORT_KEEP=<dir> to keep the PDFs for a look.
#include <gtest/gtest.h>

#include <algorithm>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>

#include "../files/file_size_limit.h"
#include "core/format.h"
#include "core/progression.h"
#include "core/validation.h"
#include "report/errors.h"
#include "report/layout.h"
#include "report/patient_report.h"
#include "report/style.h"
#include "report_fixture.h"
#include "storage/history_reader.h"
#include "storage/settings_store.h"

namespace ankylos::report {
namespace {

using test::TempDir;

struct Made {
    core::PatientHistory history;
    core::Settings settings;
    LaidOutDocument laid;
    std::filesystem::path pdf;
};

/// Tests write their PDFs over earlier ones freely (refusals have their own test).
files::OutputPolicy replacing() {
    files::OutputPolicy policy;
    policy.overwrite = true;
    return policy;
}
const files::OutputPolicy kReplace = replacing();

std::string fileBytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

/// The names of the files in a folder, sorted.
std::set<std::string> fileNames(const std::filesystem::path& folder) {
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        names.insert(entry.path().filename().string());
    return names;
}

ReportContext testContext() {
    ReportContext context;
    context.style = loadDefaultStyle();
    context.style.clinicName = "Test Rheumatology Clinic";
    context.printed = core::Date(2026, 11, 28);
    return context;
}

Made makeReport(const TempDir& dir, int visits, Paper paper = Paper::A4) {
    Made made;
    storage::Database db(dir / "clinic.db", "", storage::Open::CreateNew);
    std::int64_t id = test::addReportPatient(db, visits);
    made.settings = storage::readSettings(db);
    made.history = *storage::HistoryReader(db).load(id);
    Document doc = buildPatientReport(made.history, made.settings, testContext());
    made.laid = layOut(doc, paper, testContext().style.layoutStyle());
    made.pdf = dir / ("patient-" + std::to_string(visits) + ".pdf");
    writePdf(made.laid, made.pdf.string(), kReplace);
    if (const char* keep = std::getenv("ANKYLOS_REPORT_KEEP"))
        std::filesystem::copy_file(made.pdf, std::filesystem::path(keep) / made.pdf.filename(),
                                   std::filesystem::copy_options::overwrite_existing);
    return made;
}

void expectCoreNumbersInText(const Made& made, const std::string& text) {
    EXPECT_NE(text.find("AS-7001"), std::string::npos);
    EXPECT_NE(text.find("王小明"), std::string::npos);
    for (const core::Visit& v : made.history.visits)
        EXPECT_NE(text.find(core::toIsoString(v.date)), std::string::npos) << core::toIsoString(v.date);
    ASSERT_GE(made.history.films.size(), 2u);
    for (const core::Film& film : made.history.films) {
        core::FilmScore score = core::scoreFilm(film, made.settings.msasss);
        ASSERT_TRUE(score.value);
        EXPECT_NE(text.find(core::formatFixed(*score.value, 1)), std::string::npos)
            << "film score " << *score.value << " of " << core::toIsoString(film.date);
    }
    core::ProgressionReview review = core::reviewProgression(made.history.films, made.settings);
    ASSERT_TRUE(review.progressor);  // the fixture's grades rise film by film
    EXPECT_NE(text.find("progressor:"), std::string::npos);
}

TEST(PatientReport, ThreeVisits) {
    TempDir dir;
    Made made = makeReport(dir, 3);
    ASSERT_TRUE(std::filesystem::exists(made.pdf));
    EXPECT_EQ(test::pdfPages(made.pdf), made.laid.pageCount());
    EXPECT_EQ(made.laid.pageCount(),
              6);  // the BASFI, BASMI, one chart per analyte and the treatment course add pages
    std::string text = test::pdfText(made.pdf);
    expectCoreNumbersInText(made, text);
    EXPECT_NE(text.find("Page 6 of 6"), std::string::npos);
    EXPECT_NE(text.find("Printed 2026-11-28"), std::string::npos);
    // Patient text is text, never markup.
    EXPECT_NE(text.find("<b>not markup</b> & 葡萄膜炎"), std::string::npos);
    // The notes paragraph states the settings used.
    EXPECT_NE(text.find("msasss.max_missing_per_segment = 3"), std::string::npos);
    EXPECT_NE(text.find("asas_2dp"), std::string::npos);
    // ... and where the methods behind it are written, by section.
    EXPECT_NE(text.find("docs/methods.md"), std::string::npos);
    EXPECT_NE(text.find("mSASSS [1.3]"), std::string::npos);
}

const KeyValues& firstKeyValuesAfter(const Document& doc, const std::string& heading) {
    bool seen = false;
    for (const Block& block : doc.blocks) {
        if (const auto* h = std::get_if<Heading>(&block))
            seen = h->text == heading;
        else if (const auto* kv = std::get_if<KeyValues>(&block); kv && seen)
            return *kv;
    }
    throw std::runtime_error("no key-values after " + heading);
}

std::string valueOf(const KeyValues& kv, const std::string& key) {
    for (const auto& [k, v] : kv.rows)
        if (k == key)
            return v;
    return "(no " + key + ")";
}

// Page 1 tells today's story: the latest interval's verdict (not the earliest), and the change since
// the previous visit with the categories of docs/methods.md 3 (ASDAS) and 2 (BASDAI50, ASAS-EULAR).
TEST(PatientReport, PageOneShowsTheLatestIntervalAndTheResponseSinceThePreviousVisit) {
    core::PatientHistory history;
    history.patient = test::reportPatient();
    history.visits = {test::courseVisit(3), test::courseVisit(7)};  // activity 4.7, then 2.0
    const core::Date d0(2010, 1, 10), d1(2012, 1, 20), d2(2014, 2, 1);
    history.films = {{d0, {test::courseReading("Reader A", 0, 0)}},
                     {d1, {test::courseReading("Reader A", 3, 0)}},
                     {d2, {test::courseReading("Reader A", 3, 0)}}};  // progression, then none
    core::Settings settings;
    const Document doc = buildPatientReport(history, settings, testContext());
    const KeyValues& today = firstKeyValuesAfter(doc, "Today");
    EXPECT_EQ(valueOf(today, "Latest visit"), core::toIsoString(history.visits[1].date));
    const std::string interval = valueOf(today, "Latest film interval");
    EXPECT_EQ(interval.rfind("2012-01-20 \u2192 2014-02-01: no progression", 0), 0u) << interval;
    EXPECT_EQ(valueOf(today, "Progression, all films").rfind("progressor: first seen 2010-01-10", 0), 0u);

    const core::VisitScores before =
        core::scoreVisit(history.patient, history.visits[0], history.films, settings);
    const core::VisitScores now =
        core::scoreVisit(history.patient, history.visits[1], history.films, settings);
    const core::AsdasChange asdas = core::compareAsdas(before.asdasCrp.value, now.asdasCrp.value);
    ASSERT_TRUE(asdas.category);
    ASSERT_NE(*asdas.category, core::AsdasChangeCategory::NoImportantChange);  // the fixture improves
    const Table* change = nullptr;
    for (const Block& block : doc.blocks)
        if (const auto* t = std::get_if<Table>(&block);
            t && t->caption.rfind("Since the previous visit", 0) == 0)
            change = t;
    ASSERT_NE(change, nullptr);
    EXPECT_EQ(change->rows[0][0].text, "ASDAS-CRP");
    EXPECT_EQ(change->rows[0][4].text, core::label(*asdas.category));
    EXPECT_EQ(change->rows[2][0].text, "BASDAI");
    const core::BasdaiResponse basdai = core::basdaiResponse(before.basdai.value, now.basdai.value);
    ASSERT_EQ(basdai.basdai50.status, core::BasdaiResponseStatus::Met);
    EXPECT_NE(change->rows[2][4].text.find("BASDAI50: met"), std::string::npos) << change->rows[2][4].text;
    EXPECT_NE(change->rows[2][4].text.find("ASAS-EULAR BASDAI response: met"), std::string::npos);
}

// Item 7 of issue 17: a signature line, the software and time printed, the PDF's title.
TEST(PatientReport, SignatureLineFooterAndPdfTitle) {
    TempDir dir;
    ReportContext context = testContext();
    context.printedAt = "2026-11-28 14:05";
    context.software = "Ankylos 9.9.9";
    storage::Database db(dir / "clinic.db", "", storage::Open::CreateNew);
    const auto history = *storage::HistoryReader(db).load(test::addReportPatient(db, 3));
    const auto laid = layOut(buildPatientReport(history, storage::readSettings(db), context), Paper::A4,
                             context.style.layoutStyle());
    const auto pdf = dir / "signed.pdf";
    writePdf(laid, pdf.string(), kReplace);
    const std::string text = test::pdfText(pdf);
    EXPECT_NE(text.find("Reviewed by (name)"), std::string::npos);
    const int pages = test::pdfPages(pdf);
    for (int p = 1; p <= pages; ++p)
        EXPECT_NE(test::pdfText(pdf, p, p).find("Printed 2026-11-28 14:05 by Ankylos 9.9.9"),
                  std::string::npos)
            << "page " << p;
    const std::string info = test::runTool("pdfinfo '" + pdf.string() + "'");
    EXPECT_NE(info.find("Title:           Patient report \u2014 ID AS-7001 \u00b7 王小明"), std::string::npos)
        << info;
    EXPECT_NE(info.find("Creator:         Ankylos 9.9.9"), std::string::npos) << info;
}

TEST(PatientReport, SignOffsShowWhoSignedWhenAndWhetherTheSignatureStillCoversTheRecord) {
    TempDir dir;
    Made made = makeReport(dir, 3);
    // Cells wrap: their words are compared with single spaces between them.
    const auto words = [](std::string text) {
        std::replace(text.begin(), text.end(), '\n', ' ');
        text.erase(std::unique(text.begin(), text.end(), [](char a, char b) { return a == ' ' && b == ' '; }),
                   text.end());
        return text;
    };
    EXPECT_NE(words(test::pdfText(made.pdf)).find("no visit or reading has been signed"), std::string::npos);
    core::PatientHistory history = made.history;
    using Record = core::SignOff::Record;
    history.signOffs = {{Record::Visit, history.visits[0].date, "", "dr.wu", "2026-11-30T09:15:02Z",
                         "reviewed and approved", true, false},
                        {Record::Reading, history.films[0].date, "Reader A", "reader.li",
                         "2026-11-30T10:01:00Z", "reviewed and approved", false, true}};
    const auto laid = layOut(buildPatientReport(history, made.settings, testContext()), Paper::A4,
                             testContext().style.layoutStyle());
    const auto pdf = dir / "patient-signed.pdf";
    writePdf(laid, pdf.string(), kReplace);
    if (const char* keep = std::getenv("ANKYLOS_REPORT_KEEP"))
        std::filesystem::copy_file(pdf, std::filesystem::path(keep) / pdf.filename(),
                                   std::filesystem::copy_options::overwrite_existing);
    const std::string text = words(test::pdfText(pdf));
    // pdftotext reads a table column by column: each cell's words are looked for, not whole rows.
    for (const char* expected :
         {"Sign-off", "dr.wu", "(password", "2026-11-30 09:15", "changed after signing:", "new signature",
          "Reader A", "reader.li (name only)", "current"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected;
}

TEST(PatientReport, SixtyVisitsContinueTablesWithRepeatedHeaders) {
    TempDir dir;
    Made made = makeReport(dir, 60);
    const int pages = test::pdfPages(made.pdf);
    EXPECT_EQ(pages, made.laid.pageCount());
    // Page 1 tells today's story; a chart each for BASFI, BASMI and every analyte; BMD changes and the
    // signature lines follow the tables.
    EXPECT_EQ(pages, 11);
    const std::string all = test::pdfText(made.pdf);
    expectCoreNumbersInText(made, all);
    EXPECT_NE(all.find("BMD change between scans"), std::string::npos);
    // No table breaks a date over two lines (the BMD change table did: "2016-12-1" above "6").
    const std::regex token(R"(\d{4}-[0-9-]*)");
    const std::regex partOfADate(R"(\d{4}-(\d{0,2}|\d{2}-\d?))");
    for (auto it = std::sregex_iterator(all.begin(), all.end(), token); it != std::sregex_iterator(); ++it)
        EXPECT_FALSE(std::regex_match(it->str(), partOfADate)) << "a date broken after " << it->str();
    int continuationPages = 0;
    for (int p = 1; p <= pages; ++p) {
        std::string text = test::pdfText(made.pdf, p, p);
        SCOPED_TRACE("page " + std::to_string(p));
        EXPECT_NE(text.find("AS-7001"), std::string::npos);  // the header on every page
        EXPECT_NE(text.find("Page " + std::to_string(p) + " of " + std::to_string(pages)), std::string::npos);
        if (text.find("Visits (continued)") == std::string::npos)
            continue;
        ++continuationPages;
        for (const char* header :
             {"Date", "BASDAI", "ASDAS-CRP", "ASDAS-ESR", "BASFI", "BASMI", "CRP", "ESR"})
            EXPECT_NE(text.find(header), std::string::npos) << header;
    }
    EXPECT_GE(continuationPages, 1);
}

int occurrences(const std::string& text, const std::string& what) {
    int n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
        ++n;
    return n;
}

/// Text with line breaks and runs of spaces as single spaces (pdftotext -layout pads columns).
std::string oneLine(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    text.erase(std::unique(text.begin(), text.end(), [](char a, char b) { return a == ' ' && b == ' '; }),
               text.end());
    return text;
}

TEST(PatientReport, TreatmentOnPageOneInLanesInItsTableAndInTheProgressionReview) {
    TempDir dir;
    Made made = makeReport(dir, 60);
    const std::string page1 = oneLine(test::pdfText(made.pdf, 1, 1));
    for (const char* expected : {"Current", "Celecoxib (Celebrex) since", "2008-10-01, 200 mg once daily;",
                                 "Secukinumab (Cosentyx) since", "150 mg every 4 weeks"})
        EXPECT_NE(page1.find(expected), std::string::npos) << expected;
    const std::string all = oneLine(test::pdfText(made.pdf));
    // The lanes (title, one label per class) and the table (its caption, classes, stops and reasons).
    EXPECT_GE(occurrences(all, "Treatment course"), 2);
    for (const char* expected :
         {"NSAID", "csDMARD", "TNF inhibitor", "IL-17 inhibitor", "Adalimumab (Humira)", "2012-05-31",
          "adverse event", "inefficacy", "ongoing", "Reason for"})
        EXPECT_NE(all.find(expected), std::string::npos) << expected;
    // The progression review: the first interval (2008-01-10 to 2009-12-10) has 27 % on adalimumab.
    for (const char* expected : {"TNF/IL-17", "exposed at 50 % or more", "not exposed", "TNF inhibitor 27",
                                 "TNF inhibitor 100", "IL-17 inhibitor 100", "Treatment exposure [10]"})
        EXPECT_NE(all.find(expected), std::string::npos) << expected;
}

TEST(PatientReport, NoTreatmentRecordedIsSaidNotLeftBlank) {
    TempDir dir;
    Made made = makeReport(dir, 3);
    core::PatientHistory untreated = made.history;
    untreated.treatments.clear();
    const LaidOutDocument laid = layOut(buildPatientReport(untreated, made.settings, testContext()),
                                        Paper::A4, testContext().style.layoutStyle());
    const std::filesystem::path pdf = dir / "untreated.pdf";
    writePdf(laid, pdf.string(), kReplace);
    const std::string page1 = oneLine(test::pdfText(pdf, 1, 1));
    EXPECT_NE(page1.find("no treatment recorded"), std::string::npos);
    EXPECT_EQ(page1.find("none ongoing"), std::string::npos);
    const std::string all = oneLine(test::pdfText(pdf));
    EXPECT_NE(all.find("No treatment recorded."), std::string::npos);  // the lanes
    EXPECT_GE(occurrences(all, "no treatment recorded"), 2);           // page 1 and the table
    EXPECT_NE(all.find("none"), std::string::npos);                    // the interval's exposure
}

TEST(PatientReport, WritingReplacesTheFileWholeOrLeavesNothing) {
    TempDir dir;
    Made made = makeReport(dir, 3);
    // Over an existing file: the new report replaces it, and no partial file stays behind.
    const auto target = dir / "report.pdf";
    std::ofstream(target) << "an older file";
    writePdf(made.laid, target.string(), kReplace);
    EXPECT_NE(test::pdfText(target).find("AS-7001"), std::string::npos);
    // A drawing that fails on the last page: the file written before stays as it was.
    LaidOutDocument broken = made.laid;
    PlacedItem badChart;
    badChart.kind = PlacedItem::Kind::Chart;
    badChart.chart = 999;
    broken.pages.back().items.push_back(badChart);
    const auto kept = dir / "kept.pdf";
    std::ofstream(kept) << "an older file";
    EXPECT_ANY_THROW(writePdf(broken, kept.string(), kReplace));
    std::ifstream keptFile(kept);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(keptFile), {}), "an older file");
    for (const std::string& name : fileNames(dir / "."))
        EXPECT_NE(name.front(), '.') << "temporary file left: " << name;
    // Into a folder that does not exist: an error naming the file, and nothing written.
    const auto missing = dir / "no-such-folder" / "report.pdf";
    try {
        writePdf(made.laid, missing.string(), kReplace);
        FAIL() << "writing into a missing folder succeeded";
    } catch (const core::ValidationError& e) {
        EXPECT_NE(std::string(e.what()).find(missing.string()), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(missing.parent_path()));
}

TEST(PatientReport, WritingRefusesTheDatabaseAnySqliteFileAndAnExistingFileUnlessAsked) {
    TempDir dir;
    Made made = makeReport(dir, 3);
    const auto db = dir / "clinic.db";
    const std::string before = fileBytes(db);
    files::OutputPolicy policy;
    policy.database = db;
    policy.overwrite = true;
    EXPECT_THROW(writePdf(made.laid, db.string(), policy), core::ValidationError);
    EXPECT_THROW(writePdf(made.laid, (dir / "." / "clinic.db-wal").string(), policy), core::ValidationError);
    std::filesystem::copy_file(db, dir / "other.db");
    EXPECT_THROW(writePdf(made.laid, (dir / "other.db").string(), policy), core::ValidationError);
    EXPECT_EQ(fileBytes(db), before);

    std::ofstream(dir / "old.pdf") << "an older file";
    policy.overwrite = false;
    EXPECT_THROW(writePdf(made.laid, (dir / "old.pdf").string(), policy), core::ValidationError);
    EXPECT_EQ(fileBytes(dir / "old.pdf"), "an older file");
}

TEST(PatientReport, AFullDiskLeavesNoHalfPdfAndTheOlderFileUntouched) {
    TempDir dir;
    Made made = makeReport(dir, 3);
    const auto target = dir / "full.pdf";
    std::ofstream(target) << "an older file";
    {
        const ankylos::test::FileSizeLimit fullDisk(4096);
        EXPECT_ANY_THROW(writePdf(made.laid, target.string(), kReplace));
    }
    EXPECT_EQ(fileBytes(target), "an older file");
    EXPECT_EQ(fileNames(dir / ".").count("full.pdf"), 1u);
    for (const std::string& name : fileNames(dir / "."))
        EXPECT_EQ(name.rfind(".full.pdf", 0), std::string::npos) << "temporary file left: " << name;
}

TEST(PatientReport, FontsAreEmbeddedIncludingChinese) {
    TempDir dir;
    Made made = makeReport(dir, 3);
    std::string fonts = test::runTool("pdffonts '" + made.pdf.string() + "'");
    EXPECT_NE(fonts.find("NotoSansCJK"), std::string::npos) << fonts;
    std::istringstream lines(fonts);
    std::string line;
    int fontLines = 0;
    while (std::getline(lines, line)) {
        if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty())
            continue;
        ++fontLines;
        // Columns: name type encoding emb sub uni object ID; emb is the first yes/no.
        EXPECT_NE(line.find(" yes "), std::string::npos) << "not embedded: " << line;
    }
    EXPECT_GT(fontLines, 0);
}

TEST(PatientReport, LetterPaper) {
    TempDir dir;
    Made made = makeReport(dir, 3, Paper::Letter);
    std::string info = test::runTool("pdfinfo '" + made.pdf.string() + "'");
    EXPECT_NE(info.find("612 x 792 pts"), std::string::npos) << info;
}

TEST(Style, ReadsTheReportsFolder) {
    ReportStyle style = loadDefaultStyle();
    EXPECT_FALSE(style.clinicName.empty());
    EXPECT_TRUE(std::filesystem::exists(style.logo));
    EXPECT_EQ(style.paper, Paper::A4);
}

TEST(Style, ClearErrorsForBadFiles) {
    TempDir dir;
    std::filesystem::create_directories(dir / "reports");
    EXPECT_THROW(loadStyle(dir / "reports"), ReportError);  // missing style.conf
    {
        std::ofstream out(dir / "reports" / "style.conf");
        out << "clinic_name = X\nfont_size = 9\n";
    }
    try {
        loadStyle(dir / "reports");
        FAIL() << "an unknown key must be refused";
    } catch (const ReportError& e) {
        EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("font_size"), std::string::npos) << e.what();
    }
    {
        std::ofstream out(dir / "reports" / "style.conf");
        out << "clinic_name = 北京协和医院风湿免疫科\nlogo =\npaper = letter\n";
    }
    ReportStyle style = loadStyle(dir / "reports");
    EXPECT_EQ(style.clinicName, "北京协和医院风湿免疫科");
    EXPECT_TRUE(style.logo.empty());
    EXPECT_EQ(style.paper, Paper::Letter);
    // ANKYLOS_DATA_DIR wins over the other places, and a wrong one is an error, not a fallback.
    setenv("ANKYLOS_DATA_DIR", (dir / "").c_str(), 1);
    EXPECT_EQ(std::filesystem::weakly_canonical(reportsDirectory()),
              std::filesystem::weakly_canonical(dir / "reports"));
    setenv("ANKYLOS_DATA_DIR", (dir / "nowhere").c_str(), 1);
    EXPECT_THROW(reportsDirectory(), ReportError);
    unsetenv("ANKYLOS_DATA_DIR");
}

}  // namespace
}  // namespace ankylos::report
