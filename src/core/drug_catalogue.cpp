#include "core/drug_catalogue.h"

#include "core/translatable.h"
#include "core/validation.h"

namespace ankylos::core {

namespace {

std::vector<Drug> buildCatalogue() {
    using C = DrugClass;
    return {
        {"aceclofenac", N_("Aceclofenac"), C::Nsaid, "M01AB16"},
        {"celecoxib", N_("Celecoxib"), C::Nsaid, "M01AH01"},
        {"diclofenac", N_("Diclofenac"), C::Nsaid, "M01AB05"},
        {"etoricoxib", N_("Etoricoxib"), C::Nsaid, "M01AH05"},
        {"ibuprofen", N_("Ibuprofen"), C::Nsaid, "M01AE01"},
        {"indometacin", N_("Indometacin"), C::Nsaid, "M01AB01"},
        {"meloxicam", N_("Meloxicam"), C::Nsaid, "M01AC06"},
        {"naproxen", N_("Naproxen"), C::Nsaid, "M01AE02"},
        {"leflunomide", N_("Leflunomide"), C::Csdmard, "L04AK01"},
        {"methotrexate", N_("Methotrexate"), C::Csdmard, "L04AX03"},
        {"sulfasalazine", N_("Sulfasalazine"), C::Csdmard, "A07EC01"},
        {"adalimumab", N_("Adalimumab"), C::Tnfi, "L04AB04", Route::Subcutaneous},
        {"certolizumab_pegol", N_("Certolizumab pegol"), C::Tnfi, "L04AB05", Route::Subcutaneous},
        {"etanercept", N_("Etanercept"), C::Tnfi, "L04AB01", Route::Subcutaneous},
        {"golimumab", N_("Golimumab"), C::Tnfi, "L04AB06", Route::Subcutaneous},
        {"infliximab", N_("Infliximab"), C::Tnfi, "L04AB02", Route::Intravenous},
        {"bimekizumab", N_("Bimekizumab"), C::Il17i, "L04AC21", Route::Subcutaneous},
        {"ixekizumab", N_("Ixekizumab"), C::Il17i, "L04AC13", Route::Subcutaneous},
        {"secukinumab", N_("Secukinumab"), C::Il17i, "L04AC10", Route::Subcutaneous},
        {"tofacitinib", N_("Tofacitinib"), C::Jaki, "L04AF01"},
        {"upadacitinib", N_("Upadacitinib"), C::Jaki, "L04AF03"},
        {"methylprednisolone", N_("Methylprednisolone"), C::Glucocorticoid, "H02AB04"},
        {"prednisolone", N_("Prednisolone"), C::Glucocorticoid, "H02AB06"},
        {"prednisone", N_("Prednisone"), C::Glucocorticoid, "H02AB07"},
        // Not AS treatments, but taken by AS patients for psoriasis or IBD and worth seeing in the course.
        {"apremilast", N_("Apremilast"), C::Other, "L04AA32"},
        {"guselkumab", N_("Guselkumab"), C::Other, "L04AC16", Route::Subcutaneous},
        {"risankizumab", N_("Risankizumab"), C::Other, "L04AC18", Route::Subcutaneous},
        {"ustekinumab", N_("Ustekinumab"), C::Other, "L04AC05", Route::Subcutaneous},
    };
}

std::string catalogueIds() {
    std::string text;
    for (const Drug& drug : drugCatalogue())
        text += (text.empty() ? "" : ", ") + drug.id;
    return text;
}

}  // namespace

const std::array<DrugClass, kDrugClassCount>& allDrugClasses() {
    static const std::array<DrugClass, kDrugClassCount> classes = {
        DrugClass::Nsaid, DrugClass::Csdmard,        DrugClass::Tnfi, DrugClass::Il17i,
        DrugClass::Jaki,  DrugClass::Glucocorticoid, DrugClass::Other};
    return classes;
}

std::string toString(DrugClass drugClass) {
    switch (drugClass) {
        case DrugClass::Nsaid:
            return "nsaid";
        case DrugClass::Csdmard:
            return "csdmard";
        case DrugClass::Tnfi:
            return "tnfi";
        case DrugClass::Il17i:
            return "il17i";
        case DrugClass::Jaki:
            return "jaki";
        case DrugClass::Glucocorticoid:
            return "glucocorticoid";
        case DrugClass::Other:
            return N_("other");
    }
    throw InternalError("unknown DrugClass");
}

std::string drugClassLabel(DrugClass drugClass) {
    switch (drugClass) {
        case DrugClass::Nsaid:
            return N_("NSAID");
        case DrugClass::Csdmard:
            return N_("csDMARD");
        case DrugClass::Tnfi:
            return N_("TNF inhibitor");
        case DrugClass::Il17i:
            return N_("IL-17 inhibitor");
        case DrugClass::Jaki:
            return N_("JAK inhibitor");
        case DrugClass::Glucocorticoid:
            return N_("systemic glucocorticoid");
        case DrugClass::Other:
            return N_("other");
    }
    throw InternalError("unknown DrugClass");
}

DrugClass parseDrugClass(const std::string& text, const std::string& field) {
    for (DrugClass drugClass : allDrugClasses())
        if (toString(drugClass) == text)
            return drugClass;
    throw ValidationError(field, text, "nsaid, csdmard, tnfi, il17i, jaki, glucocorticoid or other");
}

bool isBtsDmard(DrugClass drugClass) {
    return drugClass == DrugClass::Tnfi || drugClass == DrugClass::Il17i || drugClass == DrugClass::Jaki;
}

const std::vector<Drug>& drugCatalogue() {
    static const std::vector<Drug> catalogue = buildCatalogue();
    return catalogue;
}

const Drug* findDrug(std::string_view id) {
    for (const Drug& drug : drugCatalogue())
        if (drug.id == id)
            return &drug;
    return nullptr;
}

const Drug& drugById(const std::string& id, const std::string& field) {
    if (const Drug* drug = findDrug(id))
        return *drug;
    throw ValidationError(field, id, "a drug of the catalogue: " + catalogueIds());
}

std::vector<const Drug*> drugsOfClass(DrugClass drugClass) {
    std::vector<const Drug*> drugs;
    for (const Drug& drug : drugCatalogue())
        if (drug.drugClass == drugClass)
            drugs.push_back(&drug);
    return drugs;
}

}  // namespace ankylos::core
