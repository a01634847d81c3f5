/**
 * A generic list of common Arabic given names and Syrian family-name types, each in Arabic script with the
 * Latin spellings that registers, passports and aid lists use. It serves two purposes: the matcher resolves a
 * spelling to a name (`Mhd`, `Mohamed` and `محمد` are one name; `Hasan` and `Hussein` are two), and the
 * synthetic population generator draws names from it. The weights are rough relative frequencies for the
 * generator (common names much more common than rare ones), not statistics of any real population.
 *
 * The list holds only generic names found in any baby-name book or surname dictionary; it names no person.
 * Format of a line: `arabic | spelling, spelling, … | kind | weight`, kind `m` (male given name), `f`
 * (female given name) or `n` (family name); the first spelling is the most common one.
 */
const RAW = `
محمد|Mohammad, Mohamad, Muhammad, Mohammed, Mohamed, Muhammed, Mouhamad, Mohamd, Mhd, Mohd, Md, Mehmet|m|100
أحمد|Ahmad, Ahmed, Ahmet, Ahmd|m|50
علي|Ali, Aly|m|32
محمود|Mahmoud, Mahmud, Mahmood, Mahmut|m|25
خالد|Khaled, Khalid, Khaleed, Haled|m|22
عمر|Omar, Umar, Omer, Omor|m|22
حسن|Hasan, Hassan, Hasson|m|18
حسين|Hussein, Husain, Hussain, Husayn, Houssein, Hussien, Husein, Hussin|m|16
عبد الله|Abdullah, Abdallah, Abdulla, Abdalla, Abdellah|m|16
عبد الرحمن|Abdulrahman, Abdelrahman, Abd al-Rahman, Abdurrahman, Abdul Rahman, Abdel Rahman, Abdalrahman|m|13
يوسف|Yousef, Yusuf, Youssef, Yousif, Yosef, Yussuf, Jousef|m|14
مصطفى|Mustafa, Moustafa, Mostafa, Mustapha, Mustfa|m|12
إبراهيم|Ibrahim, Ebrahim, Ibraheem, Brahim|m|12
إسماعيل|Ismail, Ismael, Esmail, Ismaeel|m|6
عبد القادر|Abdulkader, Abdelkader, Abd al-Qadir, Abdulqader, Abdul Kader|m|5
عبد الكريم|Abdulkarim, Abdelkarim, Abdul Karim, Abdulkareem|m|5
عبد العزيز|Abdulaziz, Abdelaziz, Abdul Aziz|m|5
عبد الحميد|Abdulhamid, Abdelhamid, Abdul Hamid|m|3
عبد الرزاق|Abdulrazzaq, Abdelrazak, Abdul Razzak, Abdulrazak|m|3
عبد السلام|Abdulsalam, Abdessalam, Abdul Salam, Abdelsalam|m|3
عبد الناصر|Abdulnaser, Abdelnasser, Abdul Nasser|m|2
عبد الهادي|Abdulhadi, Abdelhadi, Abdul Hadi|m|2
عبد الباسط|Abdulbaset, Abdelbasset, Abdul Basit|m|2
عبد الغني|Abdulghani, Abdelghani, Abdul Ghani|m|2
عبد المجيد|Abdulmajid, Abdelmajid, Abdul Majeed|m|2
عبد الحكيم|Abdulhakim, Abdelhakim, Abdul Hakim|m|2
عبد الفتاح|Abdulfattah, Abdelfattah, Abdul Fattah|m|2
عبد الوهاب|Abdulwahab, Abdelwahab, Abdul Wahhab|m|2
عبد اللطيف|Abdullatif, Abdellatif, Abdul Latif|m|2
عبد الإله|Abdulilah, Abdelilah, Abdul Ilah|m|1
عمار|Ammar, Amar|m|6
ياسر|Yasser, Yasir, Yaser|m|6
سامر|Samer, Saamer|m|5
سمير|Samir, Sameer, Semir|m|5
رامي|Rami, Ramy, Rame|m|6
فادي|Fadi, Fady|m|6
باسل|Basel, Basil, Bassel|m|5
بشار|Bashar, Bachar, Beshar|m|4
وائل|Wael, Wail, Waiel|m|5
وليد|Walid, Waleed, Oualid|m|6
زياد|Ziad, Ziyad, Zeyad, Ziyed|m|5
نزار|Nizar, Nezar, Nizzar|m|3
مازن|Mazen, Mazin|m|4
ماهر|Maher, Mahir|m|4
طارق|Tarek, Tareq, Tariq, Tarik|m|5
أيمن|Ayman, Aiman, Eyman|m|4
أيهم|Ayham, Aiham|m|3
إياد|Iyad, Eyad, Ayad, Eiad|m|4
فراس|Firas, Feras, Ferass|m|4
أنس|Anas, Enes|m|5
بلال|Bilal, Belal|m|5
حمزة|Hamza, Hamzah, Hamze, Hamzeh|m|6
عثمان|Othman, Osman, Uthman, Osmane|m|4
سعيد|Said, Saeed, Saied, Saaid|m|5
سعد|Saad, Sa'd, Saed|m|3
صالح|Saleh, Salih, Saaleh|m|5
صلاح|Salah, Slah|m|3
جمال|Jamal, Gamal, Djamal|m|4
كمال|Kamal, Kemal|m|4
نبيل|Nabil, Nabeel|m|3
عادل|Adel, Adil|m|4
عدنان|Adnan|m|4
غسان|Ghassan, Ghasan|m|4
هيثم|Haitham, Haytham, Heitham|m|4
هشام|Hisham, Hesham, Hicham|m|4
حسام|Husam, Hossam, Hussam, Houssam|m|4
عصام|Issam, Essam, Isam|m|3
معاذ|Muaz, Moaz, Muadh, Mouaz, Moaaz|m|4
عبادة|Obada, Ubadah, Obadah, Ubada|m|3
قاسم|Qasem, Kassem, Qassim, Kasem, Qasim|m|4
جهاد|Jihad, Jehad|m|3
منذر|Munther, Monzer, Mounzer, Munzir|m|2
مهند|Muhannad, Mohannad, Mohanad|m|4
نور الدين|Nour al-Din, Nureddin, Nouraddin, Noureddine, Nuraldin|m|3
صلاح الدين|Salah al-Din, Salahuddin, Salaheddine, Salahaddin|m|2
علاء الدين|Alaa al-Din, Alaeddine, Alaaldin|m|2
علاء|Alaa, Ala, Alaa'|m|4
رضوان|Radwan, Redwan, Ridwan|m|3
عماد|Imad, Emad|m|4
رياض|Riad, Riyad, Riyadh|m|4
فؤاد|Fouad, Fuad, Fuaad|m|3
منير|Munir, Mounir, Moneer|m|3
نادر|Nader, Nadir|m|3
سليمان|Suleiman, Sulaiman, Sleiman, Soliman, Suleyman|m|4
داود|Dawood, Dawud, Daoud, Dawod|m|3
موسى|Musa, Mousa, Moussa, Mussa|m|4
عيسى|Issa, Isa, Eissa, Eisa|m|3
يحيى|Yahya, Yehia, Yahia, Yehya|m|3
زكريا|Zakaria, Zakariya, Zakariyya|m|3
إلياس|Elias, Ilyas, Elyas|m|3
جورج|George, Georges, Jorj|m|2
ميشيل|Michel, Michael|m|1
حنا|Hanna, Hana|m|1
شادي|Shadi, Chadi|m|4
هاني|Hani, Hany|m|4
رائد|Raed, Raid, Raaed|m|3
مراد|Murad, Mourad|m|3
منصور|Mansour, Mansur|m|3
ناصر|Nasser, Naser, Nasir|m|3
مالك|Malek, Malik|m|3
مجد|Majd, Magd|m|3
معتز|Moataz, Mutaz, Moutaz, Motaz|m|3
عمرو|Amr, Amro, Amru|m|3
أسامة|Osama, Usama, Oussama, Usamah|m|4
همام|Humam, Hammam|m|2
شريف|Sharif, Cherif, Shareef|m|2
لؤي|Louay, Luay, Loay, Lo'ai|m|3
ربيع|Rabie, Rabih, Rabea|m|2
فيصل|Faisal, Faysal, Feisal|m|3
غياث|Ghiath, Ghiyath, Ghayath|m|3
خليل|Khalil, Khaleel|m|4
جميل|Jamil, Jameel|m|3
كريم|Karim, Kareem|m|4
رشيد|Rashid, Rasheed|m|3
سليم|Salim, Selim, Saleem|m|3
حسان|Hassan, Hassane|m|2
مؤيد|Muayad, Moayad, Muayyad|m|2
نضال|Nidal, Nedal|m|2
ثائر|Thaer, Thaier, Thair|m|2
بسام|Bassam, Basam|m|3
هادي|Hadi, Hady|m|3
أكرم|Akram|m|3
أمجد|Amjad|m|3
أيوب|Ayoub, Ayyub, Ayub|m|2
بكر|Bakr, Bakir, Bakar|m|2
أبو بكر|Abu Bakr, Abubakr, Aboubakar, Abu Baker|m|1
زيد|Zaid, Zeid, Zayd|m|2
جابر|Jaber, Jabir|m|2
صبحي|Subhi, Sobhi, Sobhy|m|2
فايز|Fayez, Faiz, Fayiz|m|2
نايف|Nayef, Naif|m|2
مروان|Marwan, Merwan|m|3
سفيان|Sufyan, Sofian, Soufiane|m|2
وسيم|Wassim, Wasim, Waseem|m|3
تيسير|Taiseer, Tayseer, Tayser|m|2
ضياء|Diaa, Dia, Diya|m|2
حازم|Hazem, Hazim|m|3
مأمون|Mamoun, Mamun, Maamoun|m|2
نعيم|Naim, Naeem|m|2
عزت|Ezzat, Izzat|m|1
فاروق|Farouk, Faruq, Farouq|m|2
توفيق|Tawfiq, Tawfik, Toufic|m|2
راتب|Rateb, Ratib|m|1
شاكر|Shaker, Shakir|m|2
ممدوح|Mamdouh, Mamduh|m|2
مصعب|Musab, Mosab, Mus'ab|m|2
حمدي|Hamdi, Hamdy|m|2
أنور|Anwar, Anouar|m|2
فاطمة|Fatima, Fatma, Fatmeh, Fatimah, Fatemeh|f|30
مريم|Maryam, Mariam, Mariem, Meryem|f|15
عائشة|Aisha, Aysha, Aicha, Ayesha, Aysheh|f|10
خديجة|Khadija, Khadijeh, Khadijah, Khadiga|f|10
زينب|Zainab, Zeinab, Zaynab, Zainap|f|10
نور|Nour, Noor, Nur|f|12
هبة|Heba, Hiba, Hibah|f|8
رنا|Rana, Ranaa|f|6
رانيا|Rania, Ranya, Raniya|f|6
هالة|Hala, Hale, Halah|f|5
لينا|Lina, Leena|f|6
ريم|Reem, Rim, Riem|f|6
ديما|Dima, Deema|f|5
لمى|Lama, Lamaa|f|4
سارة|Sara, Sarah, Sarra|f|10
آمنة|Amina, Amna, Ameneh, Aminah|f|6
أسماء|Asmaa, Asma, Asmaa'|f|6
آلاء|Alaa, Ala'a, Alaa'|f|3
رغد|Raghad, Rghad|f|5
ياسمين|Yasmin, Yasmine, Yasmeen, Jasmin|f|6
سوسن|Sawsan, Sausan, Souzan|f|3
حنان|Hanan, Hanane|f|4
منال|Manal, Manel|f|4
وفاء|Wafaa, Wafa, Wafa'|f|4
سلمى|Salma, Selma|f|5
ليلى|Layla, Leila, Laila, Leyla|f|6
هدى|Huda, Houda, Hoda|f|6
سعاد|Suad, Souad, Soad|f|4
نسرين|Nisreen, Nesrine, Nesreen, Nisrine|f|4
رشا|Rasha, Racha|f|5
غادة|Ghada, Ghadah|f|4
سمر|Samar|f|4
أمل|Amal, Amel|f|5
دعاء|Doaa, Duaa, Do'aa|f|4
إيمان|Iman, Eman, Imane|f|6
رحاب|Rehab, Rihab|f|3
نادية|Nadia, Nadya, Nadiya|f|4
سميرة|Samira, Sameera, Samirah|f|4
لبنى|Lubna, Loubna|f|3
بشرى|Bushra, Boushra, Bouchra|f|4
رهف|Rahaf|f|4
جنى|Jana, Janaa|f|4
شهد|Shahd, Shahed|f|4
بتول|Batoul, Batul, Batool|f|3
ميساء|Maysaa, Maisa, Maysa|f|3
عبير|Abeer, Abir|f|4
ولاء|Walaa, Wala'a|f|3
صفاء|Safaa, Safa|f|3
هيفاء|Haifaa, Haifa, Hayfa|f|3
رزان|Razan|f|4
ندى|Nada, Neda|f|4
سهام|Siham, Seham|f|3
نجاح|Najah, Nagah|f|2
حليمة|Halima, Halimeh, Halimah|f|3
زهرة|Zahra, Zahraa, Zahrah|f|4
كوثر|Kawthar, Kawsar, Kaouthar|f|3
رقية|Ruqaya, Roqaya, Rukaya, Ruqayyah|f|3
صباح|Sabah, Sabbah|f|2
ماجدة|Majida, Majdeh, Magda|f|2
نجوى|Najwa, Nagwa|f|3
وداد|Widad, Wedad, Ouidad|f|2
هيام|Hiyam, Hyam, Heyam|f|2
فرح|Farah|f|4
تسنيم|Tasneem, Tasnim|f|3
إسراء|Israa, Esraa, Isra|f|4
آية|Aya, Ayah, Aia|f|5
روان|Rawan|f|3
مها|Maha|f|4
سناء|Sanaa, Sana|f|3
ابتسام|Ibtisam, Ebtisam, Ibtissam|f|2
انتصار|Intisar, Entesar, Intissar|f|2
جميلة|Jamila, Jamileh, Djamila|f|2
خلود|Kholoud, Khulud, Khouloud|f|3
ملك|Malak, Malek|f|3
نهى|Noha, Nuha, Nouha|f|3
عفاف|Afaf|f|2
لجين|Lujain, Loujain, Lujayn|f|2
شيماء|Shaimaa, Shayma, Chaimae|f|3
ريما|Rima, Reema|f|4
رؤى|Roaa, Ruaa, Rua|f|2
غالية|Ghalia, Ghaliya|f|1
منى|Mona, Muna, Mouna|f|4
وعد|Waad, Wa'd|f|2
دانة|Dana, Danah|f|3
تهاني|Tahani|f|2
فدوى|Fadwa, Fadoua|f|2
الحسن|al-Hasan, Alhasan, el-Hassan, Hasan|n|20
الأحمد|al-Ahmad, Alahmad, el-Ahmed|n|20
العلي|al-Ali, Alali, el-Ali|n|18
المحمد|al-Mohammad, Almohammad, al-Muhammad|n|18
الخطيب|al-Khatib, Khatib, el-Khatib, Alkhatib|n|10
الحلبي|al-Halabi, Halabi, el-Halaby|n|8
الحمصي|al-Homsi, Homsi, el-Homsy|n|6
الشامي|al-Shami, Shami, Chami|n|6
المصري|al-Masri, Masri, el-Masry|n|8
الإدلبي|al-Idlibi, Idlibi, Edlebi|n|4
الحموي|al-Hamwi, Hamwi, Hamawi|n|5
حداد|Haddad, Hadad|n|8
نجار|Najjar, Najar, Nadjar|n|7
خياط|Khayyat, Khayat, Khaiat|n|6
عطار|Attar, Atar, al-Attar|n|6
صباغ|Sabbagh, Sabag, Sabbag|n|5
قصاب|Kassab, Qassab, Kasab|n|5
حلاق|Hallak, Hallaq, Halak|n|4
دباغ|Dabbagh, Dabbag|n|3
خباز|Khabbaz, Khabaz|n|3
زين|Zein, Zain, Zeine|n|4
ديب|Deeb, Dib, Dieb|n|5
درويش|Darwish, Darwiche, Dervish|n|6
حمود|Hammoud, Hamoud, Hamood|n|5
الشيخ|al-Sheikh, Sheikh, el-Cheikh, Alshaikh|n|6
حجازي|Hijazi, Hejazi, Higazi|n|4
الكردي|al-Kurdi, Kurdi, Kurdy|n|5
الأسود|al-Aswad, Aswad, el-Aswad|n|4
الجابري|al-Jabri, Jabri, Jabiri|n|3
الزعبي|al-Zoubi, Zoubi, Zu'bi, Alzoubi|n|5
الرفاعي|al-Rifai, Rifai, Refai, Rifaii|n|4
الحوراني|al-Hourani, Hourani, Horani|n|4
الحاج|al-Hajj, Hajj, Haj, el-Hage|n|5
يوسف|Youssef, Yousef, Yusuf|n|5
إبراهيم|Ibrahim, Ebrahim|n|5
عبد الله|Abdullah, Abdallah|n|5
عثمان|Othman, Osman|n|3
صالح|Saleh, Salih|n|4
حسين|Hussein, Husain|n|5
مصطفى|Mustafa, Moustafa|n|4
منصور|Mansour, Mansur|n|4
قاسم|Qassem, Kassem, Qasim|n|3
سليمان|Suleiman, Sleiman|n|4
موسى|Moussa, Mousa|n|3
عيسى|Issa, Eissa|n|3
خليل|Khalil, Khaleel|n|4
نصر|Nasr, Naser|n|3
العمر|al-Omar, Alomar, el-Omar|n|5
السيد|al-Sayed, Sayed, el-Sayyed|n|5
الشريف|al-Sharif, Sharif, Cherif|n|3
طه|Taha|n|3
سعد|Saad, Saed|n|3
الحمدان|al-Hamdan, Hamdan|n|4
بكري|Bakri, Bakry|n|3
النجار|al-Najjar, el-Najjar|n|3
الصالح|al-Saleh, Alsaleh, el-Saleh|n|4
الخليل|al-Khalil, el-Khalil|n|3
العبد الله|al-Abdullah, Alabdullah|n|4
الحسين|al-Hussein, Alhussein, el-Husseini|n|4
الدرويش|al-Darwish|n|2
الموسى|al-Mousa, Almousa|n|3
العيسى|al-Issa, Alissa|n|3
الخضر|al-Khudr, Khodr, Khidr|n|2
الأيوبي|al-Ayoubi, Ayoubi|n|2
الأتاسي|al-Atassi, Atassi|n|2
البيطار|al-Bitar, Bitar, Baytar|n|3
القباني|al-Qabbani, Kabbani, Qabbani|n|2
الحريري|al-Hariri, Hariri|n|2
الطحان|al-Tahhan, Tahhan, Tahan|n|2
السمان|al-Samman, Samman|n|2
الدمشقي|al-Dimashqi, Dimashki, Demashki|n|2
الحسيني|al-Husseini, Husseini, Housseini|n|3
`;

export type NameKind = "m" | "f" | "n";

export interface NameListEntry {
  /** Arabic script, as usually written (with hamza seats; the matcher normalises). */
  readonly arabic: string;
  /** Latin spellings, most common first. */
  readonly latin: readonly string[];
  readonly kind: NameKind;
  /** Rough relative frequency within its kind (for the generator). */
  readonly weight: number;
}

function parseNameList(text: string): NameListEntry[] {
  const entries: NameListEntry[] = [];
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    const [arabic, latin, kind, weight] = trimmed.split("|");
    if (arabic === undefined || latin === undefined || weight === undefined) {
      throw new Error(`name list: bad line ${trimmed}`);
    }
    if (kind !== "m" && kind !== "f" && kind !== "n") throw new Error(`name list: bad kind in ${trimmed}`);
    entries.push({
      arabic: arabic.trim(),
      latin: latin.split(",").map((spelling) => spelling.trim()),
      kind,
      weight: Number(weight),
    });
  }
  return entries;
}

export const NAME_LIST: readonly NameListEntry[] = parseNameList(RAW);
