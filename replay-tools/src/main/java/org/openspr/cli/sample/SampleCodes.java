package org.openspr.cli.sample;

import java.util.List;

/**
 * Codes the generator draws from: real SNOMED CT, dm+d and LOINC concepts as they appear in NHS England's
 * published FHIR examples, with the sensitivity label an item about them must carry (null when none).
 */
final class SampleCodes {
    static final String SNOMED = "http://snomed.info/sct";
    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    record Code(String system, String code, String display, String sensitivity) {
        Code(String system, String code, String display) {
            this(system, code, display, null);
        }
    }

    record LabTest(Code code, String unit, double low, double high, int decimals) {
    }

    static final List<Code> CONDITIONS = List.of(
            new Code(SNOMED, "44054006", "Type 2 diabetes mellitus"),
            new Code(SNOMED, "38341003", "Hypertensive disorder"),
            new Code(SNOMED, "195967001", "Asthma"),
            new Code(SNOMED, "13645005", "Chronic obstructive lung disease"),
            new Code(SNOMED, "840539006", "Disease caused by severe acute respiratory syndrome coronavirus 2"),
            new Code(SNOMED, "301354004", "Pain of ear"),
            new Code(SNOMED, "35489007", "Depressive disorder", "PSY"),
            new Code(SNOMED, "105629000", "Chlamydial infection", "SEX"));

    static final List<Code> ALLERGENS = List.of(
            new Code(SNOMED, "91936005", "Allergy to penicillin"),
            new Code(SNOMED, "227493005", "Cashew nut"),
            new Code(SNOMED, "91935009", "Allergy to peanut"),
            new Code(SNOMED, "294505008", "Allergy to amoxicillin"));

    static final List<Code> REACTIONS = List.of(
            new Code(SNOMED, "39579001", "Anaphylactic reaction"),
            new Code(SNOMED, "271807003", "Eruption of skin"),
            new Code(SNOMED, "418290006", "Itching"));

    /** dm+d products (VMP/AMP) as used in the NHS prescribing examples. */
    static final List<Code> MEDICINES = List.of(
            new Code(SNOMED, "39732311000001104", "Amoxicillin 250mg capsules"),
            new Code(SNOMED, "42009811000001101", "Co-codamol 30mg/500mg tablets"),
            new Code(SNOMED, "41942011000001100", "Azithromycin 250mg capsules"),
            new Code(SNOMED, "39692211000001107", "Flucloxacillin 500mg capsules"),
            new Code(SNOMED, "765507008", "Metformin hydrochloride 500 mg prolonged-release oral tablet"),
            new Code(SNOMED, "1193825003", "Amlodipine (as amlodipine besilate) 10 mg and lisinopril 20 mg oral tablet"),
            new Code(SNOMED, "36126511000001106", "Morphine 10mg modified-release tablets"));

    static final List<LabTest> LABS = List.of(
            new LabTest(new Code(SNOMED, "1107871000000107", "Sodium substance concentration in serum"), "mmol/L", 133, 146, 0),
            new LabTest(new Code(SNOMED, "1107751000000106", "Potassium substance concentration in plasma"), "mmol/L", 3.5, 5.3, 1),
            new LabTest(new Code(SNOMED, "1110281000000107", "Urea substance concentration in serum"), "mmol/L", 2.5, 7.8, 1),
            new LabTest(new Code(SNOMED, "1107001000000108", "Creatinine substance concentration in serum"), "umol/L", 59, 104, 0),
            new LabTest(new Code(SNOMED, "1107511000000100", "Haemoglobin mass concentration in blood"), "g/L", 130, 170, 0),
            new LabTest(new Code(SNOMED, "1110441000000100", "White blood cell count in blood"), "10*9/L", 4.0, 11.0, 1),
            new LabTest(new Code(SNOMED, "1108041000000107", "Platelet count in blood"), "10*9/L", 150, 410, 0),
            new LabTest(new Code(SNOMED, "1107481000000106", "HbA1c (haemoglobin A1c) substance concentration in blood"), "mmol/mol", 20, 41, 0));

    static final Code UREA_AND_ELECTROLYTES = new Code(SNOMED, "252167001", "Urea and electrolytes");
    static final Code FULL_BLOOD_COUNT = new Code(SNOMED, "26604007", "Full blood count");

    static final Code HEART_RATE = new Code(LOINC, "8867-4", "Heart rate");
    static final Code RESPIRATORY_RATE = new Code(LOINC, "9279-1", "Respiratory rate");
    static final Code BODY_TEMPERATURE = new Code(LOINC, "8310-5", "Body temperature");
    static final Code BLOOD_PRESSURE = new Code(LOINC, "85354-9", "Blood pressure panel with all children optional");
    static final Code SYSTOLIC = new Code(LOINC, "8480-6", "Systolic blood pressure");
    static final Code DIASTOLIC = new Code(LOINC, "8462-4", "Diastolic blood pressure");

    static final Code FLU_VACCINE = new Code(SNOMED, "39566211000001103",
            "Supemtek Quadrivalent vaccine (recombinant) solution for injection 0.5ml pre-filled syringes (Sanofi) (product)");
    static final Code COVID_VACCINE = new Code(SNOMED, "39114911000001105",
            "COVID-19 Vaccine Vaxzevria (ChAdOx1 S [recombinant]) not less than 2.5x100,000,000 infectious units/0.5ml dose suspension for injection multidose vials (AstraZeneca UK Ltd) (product)");

    static final Code ED_ATTENDANCE = new Code(SNOMED, "4525004", "Emergency department patient visit");
    static final Code INPATIENT_STAY = new Code(SNOMED, "185212007", "Seen in hospital ward");
    static final Code DISCHARGE_SUMMARY = new Code(SNOMED, "373942005", "Discharge summary");
    static final Code SAFEGUARDING_FLAG = new Code(SNOMED, "1090861000000104", "Child is cause for safeguarding concern", "SAFEGUARDING");

    /** ODS codes of the made-up trusts and practices the generated data comes from (real code shapes, test names). */
    static final List<String> TRUSTS = List.of("RX1", "RR8", "RTH", "R0A");
    static final List<String> PRACTICES = List.of("Y12345", "B82005", "M85063", "P84012", "F81021");

    static final List<String> FAMILY_NAMES = List.of("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson",
            "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
            "Khan", "Lewis", "Jackson", "Clarke", "Hughes", "Edwards", "Begum", "Wood", "Harris", "Martin", "Cooper", "Ali");
    static final List<String> GIVEN_FEMALE = List.of("Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Freya", "Aisha",
            "Emily", "Sophie", "Margaret", "Susan", "Patricia", "Fatima", "Priya", "Eleanor");
    static final List<String> GIVEN_MALE = List.of("Oliver", "George", "Noah", "Arthur", "Harry", "Leo", "Muhammad", "Jack",
            "Thomas", "James", "David", "John", "Ravi", "Kwame", "William", "Peter");
    static final List<String[]> PLACES = List.of(
            new String[] {"LEEDS", "LS17 7DF"}, new String[] {"MANCHESTER", "M13 9WL"}, new String[] {"BIRMINGHAM", "B15 2TH"},
            new String[] {"BRISTOL", "BS2 8HW"}, new String[] {"NEWCASTLE UPON TYNE", "NE1 4LP"}, new String[] {"LONDON", "SE1 7EH"},
            new String[] {"NOTTINGHAM", "NG7 2UH"}, new String[] {"SHEFFIELD", "S10 2JF"}, new String[] {"NORWICH", "NR4 7UY"});
    static final List<String> STREETS = List.of("Sandmoor Drive", "Church Lane", "Station Road", "Victoria Street",
            "Park Avenue", "Mill Lane", "The Crescent", "Queens Road", "High Street", "Oak Close");

    private SampleCodes() {
    }
}
