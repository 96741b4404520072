"""The stylesheet every HTML page carries inline: plain, readable, no scripts."""

STYLESHEET = (
    "body{margin:0 auto;max-width:46rem;padding:1.5rem 1rem 3rem;"
    "font:1.05rem/1.6 Georgia,'Times New Roman',serif;color:#1f2328;background:#fdfcf9}"
    "a{color:#1a4f8b}a:visited{color:#5a3d8a}"
    "h1{font-size:1.6rem;line-height:1.3;margin:.3rem 0 1rem}"
    "h2{font:600 .8rem/1.4 system-ui,sans-serif;letter-spacing:.08em;text-transform:uppercase;"
    "color:#57606a;border-top:1px solid #d8d4cc;padding-top:1rem;margin-top:2rem}"
    ".date,.category,.kind,time,.context{font-family:system-ui,sans-serif;font-size:.85rem;"
    "color:#57606a}"
    ".category{text-transform:uppercase;letter-spacing:.06em;margin:0}"
    ".summary p{margin:0 0 1rem}figure{margin:1rem 0}img{max-width:100%;height:auto}"
    "ol,ul{padding-left:1.4rem}li{margin:.5rem 0}"
    ".tag{background:#eeeae2;border-radius:.25rem;padding:0 .3rem}"
    "footer ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}"
)
