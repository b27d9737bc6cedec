// The columns of the visit CSV format: the documented list, in export order.
#include "interchange/visit_csv_columns.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "visit_csv_fixture.h"

namespace ankylos::interchange {
namespace {

using core::Date;
using namespace test;

TEST(VisitCsvExport, HeaderIsTheDocumentedColumnsInSpecOrder) {
    const std::vector<std::string>& columns = visitCsvColumns();
    ASSERT_GE(columns.size(), 24u);
    EXPECT_EQ(columns.front(), "patient_id");
    // The 24 site grades end the film columns; the 7 treatment columns follow; the 6 CT scan and
    // reading columns and the 184 quadrant grades end the record.
    ASSERT_EQ(columns.size(), 343u);
    const std::size_t ct = columns.size() - 190;
    const std::size_t film = ct - 7;
    // How a reading was made (docs/methods.md 11) follows the reader, its date and chronology.
    EXPECT_EQ(columns[film - 31], "film_reader");
    EXPECT_EQ(columns[film - 29], "film_chronology_known");
    EXPECT_EQ(columns[film - 28], "film_session");
    EXPECT_EQ(columns[film - 27], "film_role");
    EXPECT_EQ(columns[film - 26], "film_identity_seen");
    EXPECT_EQ(columns[film - 25], "film_paired_by_patient");
    EXPECT_EQ(columns[film - 24], "msasss_C2_inf");
    EXPECT_EQ(columns[film - 13], "msasss_T1_sup");
    EXPECT_EQ(columns[film - 12], "msasss_T12_inf");
    EXPECT_EQ(columns[film - 1], "msasss_S1_sup");
    EXPECT_EQ(columns[film], "treatment_drug");
    EXPECT_EQ(columns[ct - 1], "treatment_stop_reason");
    EXPECT_EQ(columns[ct], "ct_date");
    EXPECT_EQ(columns[ct + 5], "ctss_chronology_known");
    EXPECT_EQ(columns[ct + 6], "ctss_C2_inf_ant");
    EXPECT_EQ(columns[ct + 6 + 4], "ctss_C3_sup_ant");
    EXPECT_EQ(columns[ct + 6 + 8 * 6], "ctss_T1_inf_ant");  // the thoracic segment's first quadrant
    EXPECT_EQ(columns.back(), "ctss_S1_sup_right");
    for (const core::Quadrant q : core::allQuadrants())
        EXPECT_EQ(columns[ct + 6 + static_cast<std::size_t>(q.index())], "ctss_" + core::quadrantId(q));

    std::ostringstream out;
    writeVisitCsvHeader(out, false);
    std::string expected;
    for (const std::string& c : columns)
        expected += (expected.empty() ? "" : ",") + c;
    EXPECT_EQ(out.str(), expected + "\r\n");

    // db/visit_csv.md lists the export order (as `name` after its "Column order" heading).
    const std::string path = std::string(ANKYLOS_SOURCE_DIR) + "/db/visit_csv.md";
    std::ifstream doc(path);
    ASSERT_TRUE(doc) << path;
    std::stringstream text;
    text << doc.rdbuf();
    const std::string order = text.str().substr(text.str().find("## Column order (export)"));
    std::vector<std::string> documented;
    for (std::size_t open = order.find('`'); open != std::string::npos; open = order.find('`', open + 1)) {
        const std::size_t close = order.find('`', open + 1);
        documented.push_back(order.substr(open + 1, close - open - 1));
        open = close;
    }
    EXPECT_EQ(documented, columns);
}

}  // namespace
}  // namespace ankylos::interchange
