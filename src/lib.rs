//! duizhao: raw Chinese sources → cleaned articles → bilingual static site.
pub mod gazetteer;
