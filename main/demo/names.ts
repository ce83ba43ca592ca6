/** Persian sample data for the demo store. Plain data, no logic. */

export const FIRST_NAMES_MALE = [
  'علی', 'محمد', 'حسین', 'رضا', 'مهدی', 'امیر', 'کیوان', 'سعید', 'حمید', 'مجید', 'بهرام', 'فرهاد',
  'کامران', 'آرش', 'پویا', 'سینا', 'نیما', 'بابک', 'داریوش', 'کوروش', 'یوسف', 'مصطفی', 'جواد', 'اکبر',
];
export const FIRST_NAMES_FEMALE = [
  'زهرا', 'فاطمه', 'مریم', 'سارا', 'نگار', 'لیلا', 'شیرین', 'مینا', 'الهام', 'نازنین', 'پریسا', 'یاسمن',
  'آزاده', 'کتایون', 'رویا', 'سیمین', 'فرشته', 'مهسا', 'نرگس', 'هانیه', 'بهاره', 'طاهره', 'شقایق', 'ژاله',
];
export const LAST_NAMES = [
  'احمدی', 'محمدی', 'حسینی', 'رضایی', 'کریمی', 'موسوی', 'جعفری', 'کاظمی', 'یزدانی', 'نوری', 'صادقی',
  'رحیمی', 'اکبری', 'قاسمی', 'طاهری', 'شریفی', 'کیانی', 'فرهادی', 'سلطانی', 'زمانی', 'نجفی', 'باقری',
  'عباسی', 'حیدری', 'میرزایی', 'امینی', 'کرمانی', 'شیرازی', 'تهرانی', 'اصفهانی', 'یگانه', 'پاکزاد',
];
export const ORGANISATIONS = [
  'شرکت فن‌آوران پارس', 'گروه صنعتی سپاهان', 'بازرگانی کیان', 'هلدینگ آریا', 'شرکت نرم‌افزاری رایان',
  'مهندسی مشاور آبراه', 'بیمه‌ی آسیا نمایندگی ۱۲', 'داروسازی شفا', 'حمل‌ونقل یکتا', 'صنایع غذایی گلستان',
  'چاپ و نشر نگاه', 'موسسه‌ی آموزشی دانش', 'کلینیک سلامت', 'پخش سراسری ایران‌کالا', 'شرکت ساختمانی بنیان',
  'تجارت الکترونیک آوا', 'کارخانه‌ی کاشی یزد', 'مرکز تجاری میلاد', 'هتل پارسیان', 'آژانس مسافرتی سفرینه',
  'گروه مالی کاردان', 'شرکت پتروشیمی خلیج', 'دفتر حقوقی عدالت', 'آتلیه‌ی معماری نقش', 'فروشگاه زنجیره‌ای رفاه',
  'شرکت توزیع برق تهران', 'مجتمع فولاد کویر', 'کشت و صنعت مغان', 'سازمان مدیریت پسماند', 'شرکت پخش کتاب قلم',
];
export const JOB_TITLES = [
  'مدیرعامل', 'مدیر فروش', 'کارشناس خرید', 'مدیر مالی', 'حسابدار', 'کارشناس فنی', 'مدیر منابع انسانی',
  'مسئول دفتر', 'کارشناس بازاریابی', 'مدیر پروژه', 'مشاور حقوقی', 'نماینده‌ی فروش',
];
export const TAGS = ['مشتری', 'تأمین‌کننده', 'ویژه', 'همکار', 'سرنخ', 'نمایندگی', 'دولتی'];
export const CITIES: { name: string; area: string }[] = [
  { name: 'تهران', area: '21' },
  { name: 'اصفهان', area: '31' },
  { name: 'مشهد', area: '51' },
  { name: 'شیراز', area: '71' },
  { name: 'تبریز', area: '41' },
  { name: 'کرج', area: '26' },
  { name: 'یزد', area: '35' },
];
export const STREETS = ['خیابان ولیعصر', 'خیابان انقلاب', 'بلوار کشاورز', 'خیابان آزادی', 'خیابان شریعتی', 'بلوار میرداماد'];
export const LATIN = ['ali', 'reza', 'sara', 'maryam', 'kian', 'nima', 'mina', 'info', 'sales', 'office'];
export const DOMAINS = ['example.ir', 'mail.example.com', 'pars.example.ir', 'company.example.org'];

export const USERS: { username: string; displayName: string; position: string; role: string; group: string; extension: string }[] = [
  { username: 'manager', displayName: 'دکتر حمید کریمی', position: 'مدیرعامل', role: 'admin', group: 'مدیریت', extension: '100' },
  { username: 'office', displayName: 'نگار احمدی', position: 'مسئول دفتر', role: 'office-manager', group: 'مدیریت', extension: '101' },
  { username: 'reception', displayName: 'مریم رضایی', position: 'منشی', role: 'receptionist', group: 'پذیرش', extension: '102' },
  { username: 'sales1', displayName: 'سعید موسوی', position: 'کارشناس فروش', role: 'staff', group: 'فروش', extension: '201' },
  { username: 'sales2', displayName: 'لیلا جعفری', position: 'کارشناس فروش', role: 'staff', group: 'فروش', extension: '202' },
  { username: 'finance', displayName: 'بهرام صادقی', position: 'مدیر مالی', role: 'staff', group: 'مالی', extension: '301' },
  { username: 'support', displayName: 'پویا نوری', position: 'کارشناس پشتیبانی', role: 'staff', group: 'پشتیبانی', extension: '401' },
];

export const ROOMS = [
  { name: 'اتاق جلسات ۱', capacity: 12, location: 'طبقه‌ی دوم', equipment: ['ویدئو پروژکتور', 'تخته‌ی وایت‌برد'] },
  { name: 'اتاق جلسات ۲', capacity: 6, location: 'طبقه‌ی دوم', equipment: ['تلویزیون'] },
  { name: 'سالن همایش', capacity: 80, location: 'همکف', equipment: ['ویدئو پروژکتور', 'سیستم صوتی', 'ویدئوکنفرانس'] },
  { name: 'اتاق مدیرعامل', capacity: 4, location: 'طبقه‌ی سوم', equipment: [] },
];
