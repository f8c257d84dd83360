//! 1EdTech CASE interchange (import from and export to CFPackage JSON).
