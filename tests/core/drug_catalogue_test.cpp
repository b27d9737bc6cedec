// The shipped drug catalogue (docs/methods.md 10): classes, IDs, ATC codes of the current WHO index.
#include "core/drug_catalogue.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>

#include "core/validation.h"

namespace ankylos::core {
namespace {

TEST(DrugCatalogue, EveryDrugTheSpecNamesIsInItsClassWithItsAtcCode) {
    struct Case {
        std::string id;
        DrugClass drugClass;
        std::string atc;
    };
    // ATC codes checked against the WHO ATC/DDD Index 2025 (January 2024 revision: JAK inhibitors
    // to L04AF, leflunomide to L04AK).
    for (const Case& c : {Case{"sulfasalazine", DrugClass::Csdmard, "A07EC01"},
                          Case{"methotrexate", DrugClass::Csdmard, "L04AX03"},
                          Case{"leflunomide", DrugClass::Csdmard, "L04AK01"},
                          Case{"adalimumab", DrugClass::Tnfi, "L04AB04"},
                          Case{"etanercept", DrugClass::Tnfi, "L04AB01"},
                          Case{"infliximab", DrugClass::Tnfi, "L04AB02"},
                          Case{"golimumab", DrugClass::Tnfi, "L04AB06"},
                          Case{"certolizumab_pegol", DrugClass::Tnfi, "L04AB05"},
                          Case{"secukinumab", DrugClass::Il17i, "L04AC10"},
                          Case{"ixekizumab", DrugClass::Il17i, "L04AC13"},
                          Case{"bimekizumab", DrugClass::Il17i, "L04AC21"},
                          Case{"tofacitinib", DrugClass::Jaki, "L04AF01"},
                          Case{"upadacitinib", DrugClass::Jaki, "L04AF03"},
                          Case{"ibuprofen", DrugClass::Nsaid, "M01AE01"},
                          Case{"naproxen", DrugClass::Nsaid, "M01AE02"},
                          Case{"diclofenac", DrugClass::Nsaid, "M01AB05"},
                          Case{"indometacin", DrugClass::Nsaid, "M01AB01"},
                          Case{"aceclofenac", DrugClass::Nsaid, "M01AB16"},
                          Case{"meloxicam", DrugClass::Nsaid, "M01AC06"},
                          Case{"celecoxib", DrugClass::Nsaid, "M01AH01"},
                          Case{"etoricoxib", DrugClass::Nsaid, "M01AH05"},
                          Case{"prednisone", DrugClass::Glucocorticoid, "H02AB07"},
                          Case{"prednisolone", DrugClass::Glucocorticoid, "H02AB06"},
                          Case{"methylprednisolone", DrugClass::Glucocorticoid, "H02AB04"}}) {
        const Drug* drug = findDrug(c.id);
        ASSERT_NE(drug, nullptr) << c.id;
        EXPECT_EQ(drug->drugClass, c.drugClass) << c.id;
        EXPECT_EQ(drug->atcCode, c.atc) << c.id;
        EXPECT_EQ(&drugById(c.id), drug);
    }
    EXPECT_EQ(drugById("certolizumab_pegol").label, "Certolizumab pegol");
    EXPECT_EQ(drugById("adalimumab").label, "Adalimumab");
}

// The entry form's preselection: biologics are injected (infliximab by infusion), everything else
// the catalogue holds is taken by mouth.
TEST(DrugCatalogue, UsualRouteOfEachDrug) {
    const std::set<std::string> subcutaneous = {
        "adalimumab", "certolizumab_pegol", "etanercept", "golimumab",    "bimekizumab",
        "ixekizumab", "secukinumab",        "guselkumab", "risankizumab", "ustekinumab"};
    for (const Drug& drug : drugCatalogue()) {
        SCOPED_TRACE(drug.id);
        const Route expected = drug.id == "infliximab"       ? Route::Intravenous
                               : subcutaneous.count(drug.id) ? Route::Subcutaneous
                                                             : Route::Oral;
        EXPECT_EQ(drug.usualRoute, expected);
    }
}

TEST(DrugCatalogue, IdsAreUniqueLowerCaseAndCodesAreWellFormed) {
    std::set<std::string> ids;
    for (const Drug& drug : drugCatalogue()) {
        EXPECT_TRUE(ids.insert(drug.id).second) << drug.id;
        for (char c : drug.id)
            EXPECT_TRUE(std::islower(static_cast<unsigned char>(c)) || c == '_') << drug.id;
        ASSERT_EQ(drug.atcCode.size(), 7u) << drug.id;
        // letter, 2 digits, 2 letters, 2 digits: the 5th level of the ATC
        EXPECT_TRUE(std::isupper(static_cast<unsigned char>(drug.atcCode[0])) &&
                    std::isdigit(static_cast<unsigned char>(drug.atcCode[1])) &&
                    std::isdigit(static_cast<unsigned char>(drug.atcCode[2])) &&
                    std::isupper(static_cast<unsigned char>(drug.atcCode[3])) &&
                    std::isupper(static_cast<unsigned char>(drug.atcCode[4])) &&
                    std::isdigit(static_cast<unsigned char>(drug.atcCode[5])) &&
                    std::isdigit(static_cast<unsigned char>(drug.atcCode[6])))
            << drug.id << " " << drug.atcCode;
        EXPECT_FALSE(drug.label.empty());
    }
}

TEST(DrugCatalogue, GroupedByClassInSpecOrderAndEveryClassHasDrugs) {
    int lastClass = -1;
    for (const Drug& drug : drugCatalogue()) {
        EXPECT_GE(static_cast<int>(drug.drugClass), lastClass) << drug.id;
        lastClass = static_cast<int>(drug.drugClass);
    }
    for (DrugClass drugClass : allDrugClasses())
        EXPECT_FALSE(drugsOfClass(drugClass).empty()) << toString(drugClass);
    EXPECT_EQ(drugsOfClass(DrugClass::Tnfi).size(), 5u);
    EXPECT_EQ(drugsOfClass(DrugClass::Il17i).size(), 3u);
    EXPECT_EQ(drugsOfClass(DrugClass::Jaki).size(), 2u);
    EXPECT_EQ(drugsOfClass(DrugClass::Csdmard).size(), 3u);
}

TEST(DrugCatalogue, ClassIdsLabelsAndBtsDmard) {
    struct Case {
        DrugClass drugClass;
        std::string id;
        std::string label;
        bool btsDmard;
    };
    const std::vector<Case> cases = {
        {DrugClass::Nsaid, "nsaid", "NSAID", false},
        {DrugClass::Csdmard, "csdmard", "csDMARD", false},
        {DrugClass::Tnfi, "tnfi", "TNF inhibitor", true},
        {DrugClass::Il17i, "il17i", "IL-17 inhibitor", true},
        {DrugClass::Jaki, "jaki", "JAK inhibitor", true},
        {DrugClass::Glucocorticoid, "glucocorticoid", "systemic glucocorticoid", false},
        {DrugClass::Other, "other", "other", false}};
    ASSERT_EQ(cases.size(), allDrugClasses().size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const Case& c = cases[i];
        EXPECT_EQ(allDrugClasses()[i], c.drugClass) << "spec order";
        EXPECT_EQ(toString(c.drugClass), c.id);
        EXPECT_EQ(drugClassLabel(c.drugClass), c.label);
        EXPECT_EQ(isBtsDmard(c.drugClass), c.btsDmard) << c.id;
        EXPECT_EQ(parseDrugClass(c.id), c.drugClass);
    }
}

TEST(DrugCatalogue, UnknownIdsAreRefusedNamingFieldValueAndWhatIsAllowed) {
    EXPECT_EQ(findDrug("Adalimumab"), nullptr) << "IDs are exact, lower case";
    EXPECT_EQ(findDrug(""), nullptr);
    try {
        drugById("humira", "drug");
        FAIL() << "a brand is not a catalogue ID";
    } catch (const ValidationError& e) {
        ASSERT_EQ(e.problems().size(), 1u);
        EXPECT_EQ(e.problems()[0].field, "drug");
        EXPECT_EQ(e.problems()[0].value, "humira");
        EXPECT_NE(e.problems()[0].allowed.find("adalimumab"), std::string::npos);
        EXPECT_NE(e.problems()[0].allowed.find("upadacitinib"), std::string::npos);
    }
    for (const std::string bad : {"TNFI", "tnf", "b/tsdmard", ""}) {
        try {
            parseDrugClass(bad, "--episode class");
            FAIL() << bad;
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.problems()[0].field, "--episode class");
            EXPECT_EQ(e.problems()[0].value, bad);
            EXPECT_NE(e.problems()[0].allowed.find("il17i"), std::string::npos);
        }
    }
}

}  // namespace
}  // namespace ankylos::core
