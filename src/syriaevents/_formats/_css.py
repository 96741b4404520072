"""The stylesheets HTML pages carry inline: plain, readable, no scripts."""

# Every HTML form of a document.
DOCUMENT = (
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
    ".byline,.published,.publisher,.original{font-family:system-ui,sans-serif;font-size:.9rem;"
    "color:#57606a;margin:.2rem 0}"
    "figcaption{font-size:.9rem;color:#57606a}.credit{font-style:italic}"
    ".body p,.comment-body p{white-space:pre-line}"
    ".thread{list-style:none;padding:0}"
    ".comment{margin:.8rem 0 .8rem calc(min(var(--depth),12)*1.25rem);padding-left:.8rem;"
    "border-left:3px solid #d8d4cc}"
    ".commenter{font:600 .9rem/1.4 system-ui,sans-serif;margin:0}"
    ".headline{font:600 1.1rem/1.4 Georgia,'Times New Roman',serif;letter-spacing:0;"
    "text-transform:none;color:inherit;border:0;padding:0;margin:.2rem 0}"
    ".day-events{list-style:none;padding:0}.listed-event{margin:0 0 1.4rem}"
    ".listed-event .summary{margin:.2rem 0}.previous-day{font-family:system-ui,sans-serif}"
)

# What the pages of a built site add: navigation, tag and day lists, timelines.
SITE = (
    ".site-nav{display:flex;flex-wrap:wrap;gap:.4rem 1rem;font:.9rem/1.4 system-ui,sans-serif;"
    "border-bottom:1px solid #d8d4cc;padding-bottom:.6rem;margin-bottom:1.2rem}"
    ".site-nav .forms{color:#57606a}.site-nav .forms a{margin-left:.35rem}"
    ".tag-links{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}"
    ".tag-link{margin:0;background:#eeeae2;border-radius:.25rem;padding:0 .4rem}"
    ".count{font:.8rem system-ui,sans-serif;color:#57606a}"
    ".site-header p{color:#57606a;margin:0}"
    ".day-links{list-style:none;padding:0;columns:12rem}"
    ".timeline{margin:1rem 0}.timeline svg{max-width:100%;height:auto}"
)
