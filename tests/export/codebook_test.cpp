// The codebook's Chinese columns (csv_writer.h writeCodebook, labels made in src/export/*_fields.cpp as
// i18n::Text): every column of every table has a Chinese label in the glossary's terms
// (docs/glossary.zh_CN.md), the value labels too, and the English columns are as they were.
#include <gtest/gtest.h>

#include <set>

#include "export/csv_writer.h"
#include "export/table.h"
#include "export_fixture.h"
#include "i18n/language.h"

namespace ankylos::exports::test {
namespace {

bool hasCjk(const std::string& text) {
    // UTF-8 of U+4E00..U+9FFF (CJK Unified Ideographs) begins with 0xE4..0xE9.
    for (std::size_t i = 0; i + 2 < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0xE4 && c <= 0xE9)
            return true;
    }
    return false;
}

class CodebookTest : public ExportTest {
protected:
    /// The codebook rows of every table the three CSV formats write, by table and column name.
    std::map<std::string, std::map<std::string, std::map<std::string, std::string>>> codebooks(
        DateMode dateMode = DateMode::Shifted, bool identified = false) {
        std::map<std::string, std::map<std::string, std::map<std::string, std::string>>> rows;
        for (const ExportFormat format :
             {ExportFormat::CsvLong, ExportFormat::Progression, ExportFormat::CsvWide}) {
            const std::string stem = "cohort" + std::to_string(m_exports++);
            ExportOptions o = options(format, stem + ".csv", identified);
            o.dateMode = dateMode;
            run(o);
            std::string text = readFile(path(stem + ".codebook.csv"));
            const Csv codebook = parseCsv(text.rfind("\xEF\xBB\xBF", 0) == 0 ? text.substr(3) : text);
            for (std::size_t r = 0; r < codebook.rows.size(); ++r)
                for (std::size_t c = 0; c < codebook.header.size(); ++c)
                    rows[codebook.at(r, "table")][codebook.at(r, "name")][codebook.header[c]] =
                        codebook.rows[r].at(c);
        }
        return rows;
    }

private:
    int m_exports = 0;
};

TEST_F(CodebookTest, TheChineseColumnsComeAfterEveryEnglishOne) {
    run(options(ExportFormat::CsvLong, "long.csv"));
    const std::string text = readFile(path("long.codebook.csv"));
    EXPECT_EQ(
        text.substr(0, text.find("\r\n")),
        "table,name,label,type,unit,allowed_values,value_labels,missing,how_computed,spss_name,stata_name,"
        "spss_missing,stata_missing,label_zh_CN,value_labels_zh_CN");
}

TEST_F(CodebookTest, EveryColumnHasAChineseLabelAndEveryCategoryChineseValueLabels) {
    for (const DateMode mode : {DateMode::Shifted, DateMode::Relative}) {
        const auto tables = codebooks(mode);
        for (const std::string table :
             {"visits", "readings", "treatments", "ct_readings", "progression", "ct_progression", "wide"})
            EXPECT_TRUE(tables.count(table)) << table;
        std::size_t columns = 0;
        for (const auto& [table, rows] : tables)
            for (const auto& [name, row] : rows) {
                ++columns;
                const std::string& chinese = row.at("label_zh_CN");
                EXPECT_TRUE(hasCjk(chinese)) << table << "." << name << ": " << chinese;
                EXPECT_NE(chinese, row.at("label")) << table << "." << name;
                const std::string& values = row.at("value_labels_zh_CN");
                EXPECT_EQ(values.empty(), row.at("value_labels").empty()) << table << "." << name;
                if (!values.empty()) {
                    EXPECT_TRUE(hasCjk(values)) << table << "." << name << ": " << values;
                    EXPECT_NE(values, row.at("value_labels")) << table << "." << name;
                }
            }
        EXPECT_GT(columns, 500u);  // the wide table alone repeats every visit column per visit
    }
}

TEST_F(CodebookTest, NoPartOfAnyLabelIsLeftInEnglish) {
    // Every message and pattern a label or value label is made of is in the Chinese catalog, for every
    // table in every kind of export (identified, shifted, relative dates: the date labels differ).
    const i18n::Language chinese = i18n::Language::load("zh_CN");
    const ProjectKey key("0123456789abcdef-first-project-key");
    for (const bool identified : {true, false})
        for (const DateMode mode : {DateMode::Shifted, DateMode::Relative}) {
            ExportOptions o;
            o.dateMode = mode;
            ExportContext context;
            context.options = &o;
            context.key = identified ? nullptr : &key;
            for (const ExportTable kind :
                 {ExportTable::Visits, ExportTable::Readings, ExportTable::Wide, ExportTable::Progression,
                  ExportTable::Treatments, ExportTable::CtReadings, ExportTable::CtProgression})
                for (const Column& column : makeTable(kind, context, 2).columns) {
                    EXPECT_EQ(column.label.untranslated(chinese), std::vector<std::string>())
                        << column.name << ": " << column.label.english();
                    for (const ValueLabel& value : column.valueLabels)
                        EXPECT_EQ(value.label.untranslated(chinese), std::vector<std::string>())
                            << column.name << " " << value.code << ": " << value.label.english();
                }
        }
}

TEST_F(CodebookTest, ScoresReadInTheGlossarysTerms) {
    const auto tables = codebooks();
    const auto zh = [&](const std::string& table, const std::string& name) {
        return tables.at(table).at(name).at("label_zh_CN");
    };
    // mSASSS: the glossary's full term, 改良Stoke强直性脊柱炎脊柱评分 (mSASSS).
    EXPECT_EQ(zh("readings", "msasss_total"), "本次阅片的改良Stoke强直性脊柱炎脊柱评分 (mSASSS)");
    EXPECT_EQ(zh("readings", "msasss_total_status"),
              "本次阅片的改良Stoke强直性脊柱炎脊柱评分 (mSASSS)：状态");
    EXPECT_EQ(zh("readings", "msasss_cervical"), "mSASSS 颈椎节段");
    EXPECT_EQ(zh("readings", "c2_inf"), "位点 C2_inf 的评分");
    // BASDAI keeps its Latin name (glossary), with the index's name in Chinese; its items by the
    // glossary's words.
    EXPECT_EQ(zh("visits", "basdai"), "BASDAI（Bath 强直性脊柱炎疾病活动指数）");
    EXPECT_EQ(zh("visits", "basdai_q1"), "BASDAI Q1（疲劳）");
    EXPECT_EQ(zh("visits", "basdai_q2"), "BASDAI Q2（脊柱痛）");
    EXPECT_EQ(zh("wide", "v1_basdai"), "基线：BASDAI（Bath 强直性脊柱炎疾病活动指数）");
    EXPECT_EQ(zh("wide", "v2_basdai_status"), "就诊 2：BASDAI（Bath 强直性脊柱炎疾病活动指数）：状态");
    EXPECT_EQ(zh("visits", "bmd_neck"), "骨密度（股骨颈）");
    EXPECT_EQ(zh("visits", "sost"), "硬化蛋白（以 pmol/L 计）");
    EXPECT_EQ(zh("visits", "crp"), "CRP（以 mg/L 计）");
    EXPECT_EQ(zh("visits", "visit_date"), "就诊日期（按患者平移）");
    EXPECT_EQ(zh("progression", "new_synd"), "新发韧带骨赘数");
    EXPECT_EQ(zh("ct_readings", "c2_inf_ant"), "CTSS 评分：C2 下终板，前");
    EXPECT_EQ(zh("wide", "prog_tnfi_exposed"), "首张至末张X线片：TNF抑制剂：间隔内有暴露");
    // Value labels: the glossary's ASDAS states, sex, and core's drug classes.
    EXPECT_EQ(tables.at("visits").at("asdas_crp_state").at("value_labels_zh_CN"),
              "1=疾病非活动; 2=低疾病活动度; 3=高疾病活动度; 4=极高疾病活动度");
    EXPECT_EQ(tables.at("visits").at("sex").at("value_labels_zh_CN"), "1=男; 2=女");
    EXPECT_EQ(tables.at("visits").at("basdai_status").at("value_labels_zh_CN"),
              "1=已计算; 2=无法计算; 3=未记录");
    EXPECT_NE(tables.at("treatments").at("drug_class").at("value_labels_zh_CN").find("=TNF抑制剂"),
              std::string::npos);
}

TEST_F(CodebookTest, TheEnglishColumnsAreTheSourcesText) {
    // Labels made of parts read in English exactly as the concatenated strings they replaced.
    const auto tables = codebooks();
    const auto en = [&](const std::string& table, const std::string& name,
                        const std::string& column = "label") { return tables.at(table).at(name).at(column); };
    EXPECT_EQ(en("readings", "msasss_total"), "mSASSS of this reading");
    EXPECT_EQ(en("readings", "msasss_total_status"), "mSASSS of this reading: status");
    EXPECT_EQ(en("readings", "lumb_not_scored"), "lumbar sites not scored");
    EXPECT_EQ(en("readings", "c2_inf"), "Grade at C2_inf");
    EXPECT_EQ(en("visits", "basdai_q5"), "BASDAI Q5 (morning stiffness severity)");
    EXPECT_EQ(en("visits", "basfi_q3"), "BASFI Q3");
    EXPECT_EQ(en("wide", "v1_basdai"), "Baseline: BASDAI");
    EXPECT_EQ(en("wide", "v2_basdai_status"), "Visit 2: BASDAI: status");
    EXPECT_EQ(en("visits", "t_neck"), "T-score femoral_neck (device-reported)");
    EXPECT_EQ(en("visits", "sost_raw"), "sclerostin as entered (unit in sost_raw_unit)");
    EXPECT_EQ(en("visits", "visit_date"), "Visit date (shifted per patient)");
    EXPECT_EQ(en("ct_readings", "c2_inf_ant"), "CTSS grade at C2 lower endplate, anterior");
    EXPECT_EQ(en("ct_readings", "ct_thor_imputed"), "thoracic quadrants imputed (segment mean)");
    EXPECT_EQ(en("wide", "prog_tnfi_exposed"), "First-to-last films: TNF inhibitor: exposed in the interval");
    EXPECT_EQ(en("wide", "ctprog_ct_new_synd"), "First-to-last CT scans: Quadrants with a new syndesmophyte");
    EXPECT_EQ(en("visits", "asdas_crp_state", "value_labels"), "1=inactive; 2=low; 3=high; 4=very_high");
    EXPECT_EQ(en("visits", "uveitis", "value_labels"), "1=never; 2=history; 3=active");
    EXPECT_EQ(en("visits", "bmd_category", "value_labels"),
              "1=normal; 2=osteopenia; 3=osteoporosis; 4=below_expected_range_for_age; "
              "5=within_expected_range_for_age");
    const auto relative = codebooks(DateMode::Relative);
    EXPECT_EQ(relative.at("visits").at("visit_day").at("label"),
              "Visit date, days since baseline (first exported visit)");
    EXPECT_EQ(relative.at("visits").at("visit_day").at("label_zh_CN"),
              "就诊日期，距基线（首次导出的就诊）的天数");
}

}  // namespace
}  // namespace ankylos::exports::test
