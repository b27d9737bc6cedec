#pragma once
/// What the demo patients are made of besides numbers: names, notes, treatments, and the methods of
/// the laboratories and DXA devices their values come from. Invented; any likeness to a real
/// patient is chance.

#include <array>

#include "core/basfi.h"
#include "core/treatment.h"

namespace ankylos::demo {

// ---------------------------------------------------------------------------------------------
// Names, notes and the vocabulary of laboratories and devices.

inline constexpr std::array<const char*, 40> kMenGiven = {
    "James", "John",    "Michael", "David",   "Thomas",  "Daniel", "Lukas",  "Jan",     "Pieter", "Marco",
    "Luca",  "Javier",  "Carlos",  "José",    "Ahmed",   "Mehmet", "Sven",   "Erik",    "Pierre", "Louis",
    "Jonas", "Mateusz", "Tomás",   "Andrés",  "Stefan",  "Henrik", "Bram",   "Giorgos", "Ivan",   "Omar",
    "Rui",   "Paulo",   "Niels",   "Florian", "Matthew", "Kevin",  "Samuel", "Rafael",  "Jürgen", "Antoine"};
inline constexpr std::array<const char*, 30> kWomenGiven = {
    "Maria", "Anna",  "Sophie",   "Emma",  "Laura",  "Julia",     "Sara",   "Elena",   "Fatima", "Ingrid",
    "Chloé", "Lucía", "Hanna",    "Eva",   "Claire", "Agnieszka", "Ayşe",   "Marta",   "Inês",   "Katarzyna",
    "Sofia", "Lotte", "Margaret", "Helen", "Nadia",  "Ewa",       "Leonie", "Camille", "Giulia", "Astrid"};
inline constexpr std::array<const char*, 40> kFamilyNames = {
    "Smith",   "Jansen", "de Vries", "Müller",   "Schmidt",      "García",       "Fernández", "Rossi",
    "Bianchi", "Dubois", "Martin",   "Kowalski", "Novak",        "Andersson",    "Nielsen",   "O'Brien",
    "Murphy",  "Yılmaz", "Silva",    "Costa",    "Papadopoulos", "van den Berg", "Hansen",    "Bakker",
    "Meyer",   "Wagner", "Lefèvre",  "Moreau",   "Nowak",        "Johansson",    "Eriksson",  "Brown",
    "Wilson",  "Taylor", "Ferreira", "Romano",   "Horvat",       "Kovács",       "Petrov",    "Byrne"};
inline constexpr std::array<const char*, 20> kChineseFamily = {"王", "李", "张", "刘", "陈", "杨", "黄",
                                                               "赵", "吴", "周", "徐", "孙", "马", "朱",
                                                               "胡", "郭", "何", "林", "高", "罗"};
inline constexpr std::array<const char*, 16> kChineseMen = {"伟",   "强",   "磊",   "军",  "勇",   "杰",
                                                            "涛",   "明",   "超",   "刚",  "建华", "志强",
                                                            "俊杰", "浩然", "国庆", "晓东"};
inline constexpr std::array<const char*, 16> kChineseWomen = {"芳",   "娜",   "敏",   "静",  "丽",   "艳",
                                                              "娟",   "霞",   "婷",   "雪",  "秀英", "欣怡",
                                                              "丽娟", "晓燕", "慧敏", "玉兰"};

inline constexpr std::array<const char*, 8> kPatientNotes = {
    "Recurrent anterior uveitis, followed by ophthalmology.",
    "Psoriasis (skin), mild.",
    "Crohn's disease, in remission.",
    "Father has ankylosing spondylitis.",
    "Ulcerative colitis.",
    "Enthesitis of the Achilles tendons at onset.",
    "Hypertension, on amlodipine.",
    "Prefers appointments in the afternoon.",
};
inline constexpr std::array<const char*, 10> kVisitNotes = {
    "NSAID: naproxen 500 mg twice daily.",
    "NSAID: celecoxib 200 mg daily; no gastrointestinal complaints.",
    "Referred to physiotherapy for a home exercise programme.",
    "Anterior uveitis since the last visit; treated by ophthalmology.",
    "Flare after stopping NSAIDs for two weeks.",
    "Right hip pain; hip film requested.",
    "Sleeps better; less night pain.",
    "Plantar fasciitis, left.",
    "Advised to stop smoking.",
    "Vaccinations updated.",
};
/// A drug as the demo prescribes it (by the catalogue's usual route): catalogue ID, usual dose in
/// AS, how often it is chosen within its group, and up to four brands (originator first, then
/// biosimilars; empty = none).
struct DemoDrug {
    const char* id;
    const char* dose;
    double weight;
    std::array<const char*, 4> brands;
};
inline constexpr std::array<DemoDrug, 6> kNsaids = {{
    {"naproxen", "500 mg twice daily", 0.32, {}},
    {"celecoxib", "200 mg once daily", 0.20, {"Celebrex"}},
    {"etoricoxib", "90 mg once daily", 0.18, {"Arcoxia"}},
    {"diclofenac", "75 mg twice daily", 0.15, {}},
    {"ibuprofen", "600 mg three times daily", 0.10, {}},
    {"indometacin", "50 mg three times daily", 0.05, {}},
}};
inline constexpr DemoDrug kSulfasalazine = {"sulfasalazine", "1 g twice daily", 1.0, {"Salazopyrin EN-Tabs"}};
inline constexpr std::array<DemoDrug, 5> kTnfInhibitors = {{
    {"adalimumab", "40 mg every 2 weeks", 0.38, {"Humira", "Amgevita", "Imraldi", "Hyrimoz"}},
    {"etanercept", "50 mg weekly", 0.24, {"Enbrel", "Benepali", "Erelzi"}},
    {"golimumab", "50 mg monthly", 0.14, {"Simponi"}},
    {"infliximab", "5 mg/kg every 6 weeks", 0.14, {"Remicade", "Inflectra", "Remsima"}},
    {"certolizumab_pegol", "200 mg every 2 weeks", 0.10, {"Cimzia"}},
}};
inline constexpr std::array<DemoDrug, 2> kIl17Inhibitors = {{
    {"secukinumab", "150 mg every 4 weeks", 0.7, {"Cosentyx"}},
    {"ixekizumab", "80 mg every 4 weeks", 0.3, {"Taltz"}},
}};

/// A laboratory's CRP method: its unit, factor from mg/L, reporting step and detection limit.
struct CrpMethod {
    const char* unit;
    double perMgPerL;       ///< value in unit = mg/L x this
    double scale;           ///< reported to 1 / scale
    double detectionLimit;  ///< in unit
    const char* assay;
    const char* laboratory;
};
inline constexpr std::array<CrpMethod, 5> kCrpMethods = {{
    {"mg/L", 1.0, 10, 1.0, "Tina-quant CRP Gen.3 (Roche cobas)", "Clinical Chemistry Laboratory"},
    {"mg/L", 1.0, 10, 0.6, "CRP Vario (Abbott Alinity c)", "Central Hospital Laboratory"},
    {"mg/L", 1.0, 10, 0.3, "hs-CRP (Siemens Atellica CH)", "University Hospital Laboratory"},
    {"mg/dL", 0.1, 100, 0.05, "CRP latex (Beckman Coulter AU)", "Hospital Clinical Laboratory"},
    {"mg/dL", 0.1, 100, 0.1, "CRP (Sysmex BN II nephelometry)", "Regional Reference Laboratory"},
}};

struct BiomarkerAssay {
    const char* unit;
    double perCanonical;  ///< value in unit = canonical value x this
    double scale;         ///< reported to 1 / scale
    const char* assay;
};
inline constexpr std::array<BiomarkerAssay, 2> kMmp3Assays = {{
    {"ng/mL", 1.0, 10, "Panaclear MMP-3 latex (Sekisui)"},
    {"ng/mL", 1.0, 10, "Quantikine Human Total MMP-3 ELISA (R&D Systems)"},
}};
inline constexpr std::array<BiomarkerAssay, 2> kDkk1Assays = {{
    {"pg/mL", 1.0, 1, "Quantikine Human Dkk-1 ELISA (R&D Systems)"},
    {"ng/mL", 0.001, 100, "Human DKK-1 ELISA (Cusabio)"},
}};
inline constexpr std::array<BiomarkerAssay, 2> kSclerostinAssays = {{
    {"pmol/L", 1.0, 10, "Sclerostin ELISA (Biomedica)"},
    {"ng/mL", 1.0 / 44.4, 1000, "Sclerostin HS ELISA (TECOmedical)"},  // 1 ng/mL = 44.4 pmol/L
}};
inline constexpr const char* kResearchLaboratory = "Rheumatology Research Laboratory";

/// Young-adult reference mean and SD (g/cm2) per DXA site, from which device-style T-scores map
/// to BMD; Lunar's areal BMD runs about 0.1 g/cm2 above Hologic's at the spine.
struct DxaReference {
    double mean;
    double sd;
};
struct DxaModel {
    const char* manufacturer;
    const char* model;
    std::array<DxaReference, 3> women;  ///< lumbar spine, femoral neck, total hip
    std::array<DxaReference, 3> men;
};
inline constexpr std::array<DxaModel, 4> kDxaModels = {{
    {"Hologic",
     "Horizon A",
     {{{1.047, 0.110}, {0.858, 0.120}, {0.942, 0.122}}},
     {{{1.068, 0.112}, {0.930, 0.136}, {1.040, 0.144}}}},
    {"Hologic",
     "Discovery A",
     {{{1.047, 0.110}, {0.858, 0.120}, {0.942, 0.122}}},
     {{{1.068, 0.112}, {0.930, 0.136}, {1.040, 0.144}}}},
    {"GE Lunar",
     "iDXA",
     {{{1.180, 0.120}, {0.980, 0.120}, {1.000, 0.120}}},
     {{{1.200, 0.120}, {1.040, 0.130}, {1.050, 0.130}}}},
    {"GE Lunar",
     "Prodigy",
     {{{1.180, 0.120}, {0.980, 0.120}, {1.000, 0.120}}},
     {{{1.200, 0.120}, {1.040, 0.130}, {1.050, 0.130}}}},
}};

/// BASFI items' offsets from the patient's function level: picking something from the floor is
/// harder than getting up from a chair.
inline constexpr std::array<double, core::kBasfiItemCount> kBasfiItemOffsets = {0.8,  1.0, 0.2, -0.3, 0.5,
                                                                                -0.6, 0.0, 0.6, 0.8,  1.0};

}  // namespace ankylos::demo
