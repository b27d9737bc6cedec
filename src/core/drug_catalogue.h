#pragma once
/// The shipped drug catalogue of the treatment course (docs/methods.md 10): every drug the spec
/// names, by class, plus the NSAIDs and systemic glucocorticoids a rheumatology clinic commonly
/// prescribes and a few drugs of other classes seen in patients with psoriasis or IBD.
///
/// Each entry: a stable ID (the international non-proprietary name in lower case, words joined by
/// "_"), its English INN label, its class and its WHO ATC code. ATC codes are those of the WHO
/// ATC/DDD Index 2025, which carries the January 2024 revision: the JAK inhibitors moved from
/// L04AA to L04AF (tofacitinib L04AF01, upadacitinib L04AF03) and leflunomide from L04AA13 to
/// L04AK01 (dihydroorotate dehydrogenase inhibitors). Methotrexate is given its
/// immunosuppressant code L04AX03 (the antineoplastic code L01BA01 is for cancer doses).

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace ankylos::core {

/// The drug classes of docs/methods.md 10, in that order.
enum class DrugClass { Nsaid, Csdmard, Tnfi, Il17i, Jaki, Glucocorticoid, Other };

constexpr int kDrugClassCount = 7;
/// Every class in spec order (nsaid first, other last).
const std::array<DrugClass, kDrugClassCount>& allDrugClasses();
/// The stable ID used in storage, exports and the command line: "nsaid", "csdmard", "tnfi",
/// "il17i", "jaki", "glucocorticoid", "other".
std::string toString(DrugClass drugClass);
/// The English label shown to users: "NSAID", "csDMARD", "TNF inhibitor", "IL-17 inhibitor",
/// "JAK inhibitor", "systemic glucocorticoid", "other".
std::string drugClassLabel(DrugClass drugClass);
/// The class with that exact ID; throws ValidationError naming field, the text and the seven IDs.
DrugClass parseDrugClass(const std::string& text, const std::string& field = "drug class");
/// True for the biologic and targeted synthetic DMARDs (TNF, IL-17 and JAK inhibitors), which
/// summaries group as "b/tsDMARD" (docs/methods.md 10).
bool isBtsDmard(DrugClass drugClass);

/// How a drug is given.
enum class Route { Oral, Subcutaneous, Intravenous, Intramuscular, Other };

/// One catalogue entry.
struct Drug {
    std::string id;       ///< "adalimumab", "certolizumab_pegol": stored with every episode, never changes
    std::string label;    ///< English INN as shown: "Adalimumab", "Certolizumab pegol"
    DrugClass drugClass;  ///< the spec's class
    std::string atcCode;  ///< WHO ATC code, e.g. "L04AB04"
    /// The route of its usual maintenance dose in axial SpA or its other indication here (the entry
    /// form's preselection; an episode records the route actually used).
    Route usualRoute = Route::Oral;
};

/// Every drug, grouped by class in spec order, alphabetical within a class.
const std::vector<Drug>& drugCatalogue();
/// The drug with that exact ID, or nullptr.
const Drug* findDrug(std::string_view id);
/// The drug with that exact ID; throws ValidationError naming field, the ID and the catalogue's IDs.
const Drug& drugById(const std::string& id, const std::string& field = "drug");
/// The drugs of one class, in catalogue order.
std::vector<const Drug*> drugsOfClass(DrugClass drugClass);

}  // namespace ankylos::core
