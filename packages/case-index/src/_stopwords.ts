// Function words plus the filler of support reports and URLs. Words that carry a problem ("error", "failed",
// "denied", "cannot") are kept on purpose: inverse document frequency already discounts them where they are common.
const words = `a about above after again against all also am an and any are aren't as at be because been before being
below between both but by can could did do does doing don't down during each few for from further had has have having he
her here hers herself him himself his how i if in into is it it's its itself just let me more most my myself no nor not
of off on once only or other ought our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours yourself yourselves
hi hello thanks thank please regards dear team guys anyone someone something anything any help appreciated kindly
urgent urgently asap
get got getting im ive i'm i've we're we've able also still even already now using use used try tried trying
doesn isn wasn aren didn couldn shouldn wouldn don won hasn haven weren ve ll re
http https www com html htm aspx php en us en-us
`;

/** Lower-case words never indexed or searched. */
export const stopwords: ReadonlySet<string> = new Set(words.split(/\s+/).filter(Boolean));
