"""Generate synthetic bilingual (Chinese/English) transcript archives for benchmarks and tests.

An archive is a folder of Markdown posts shaped like the real one. Each post has YAML front matter (title, date,
author/speaker channel, YouTube source, tags, category, area, people, companies_orgs, products_models,
media_books, project, series, status, summary, draft, layout) and a body of 3-12 `### ` sections holding turns.
About 70% of posts are interviews with 2-6 speakers, each turn written as::

    **Host**: <Chinese translation>

    <details>
    <summary>Original English</summary>

    **Host**: <English original>

    </details>

The other posts are articles: unlabelled Chinese paragraphs, each followed by a `<details>` block with its
unlabelled English original. About one turn in fourteen (only longer ones) has two paragraphs. Turn counts are
log-uniform between `min_turns` and `max_turns` (about 104 on average at the defaults 20-300). Turn lengths are
log-normal: most turns are short, a few run to several hundred characters; on average a turn has ~24 Chinese
characters (~72 UTF-8 bytes, median ~16 characters) and ~118 English ones. At the defaults a post averages
~30 KB, so 10,000 posts take ~300 MB (~1.04 M turns, ~74 MB of Chinese and ~122 MB of English in them), about
15 seconds to write.

The text is nonsense built from fixed vocabularies: ~3,000 Chinese words combined from 400 common characters,
~3,000 English words (about 300 real, the rest made up), and ~160 real technical words (模型, 推理, 编排,
强化学习, 大语言模型, ...), each with its English renderings (model, inference, orchestration, ...). Technical
words are Zipf-distributed and bursty: each post has a few topics drawn from them, and its turns get technical
words (mostly from its topics) in proportion to their length, the Chinese word in the translation and an English
rendering in the original. At 10,000 posts about 9% of turns hold 模型 (~6% the word "model"), ~2.6% 推理 (~1.8%
"inference"), ~0.8% 编排, ~1% 强化学习 and ~0.7% 大语言模型, and the rarest words a few hundred turns each; 模型
is in ~85% of posts, 编排 in ~15%. Tags, people, organisations, products and the other facets also have Zipf-like
frequencies, so a few values are very common and most are rare.

Everything is deterministic: the vocabularies are built from a fixed seed, and a post depends only on the
`random.Random` it is given, so an archive depends only on the arguments of `generate_archive`.

Posts go into `OUT/YYYY/MM/`, `OUT/YYYY/` or `OUT/` itself (mixed depths, as in a real archive), named
`YYYY-MM-DD-<index>.md`. Existing files with the same names are overwritten; nothing else is touched.

Usage::

    python benchmarks/generate.py OUT_DIR --posts 10000 [--seed 0] [--min-turns 20] [--max-turns 300]
                                  [--huge-turns 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import math
import os
import random
import re
import sys
import time
from dataclasses import dataclass

COMMA, COLON, QUESTION, EXCLAIM = "\uff0c", "\uff1a", "\uff1f", "\uff01"
PERIOD, LIST_COMMA, OPEN_QUOTE, CLOSE_QUOTE = "\u3002", "\u3001", "\u201c", "\u201d"

_VOCAB_SEED = 20250314
_ZH_SENTENCES = 50_000
_EN_SENTENCES = 40_000
_ZH_MEDIAN, _EN_MEDIAN, _LENGTH_SIGMA = 10.5, 55.0, 1.0
"""Turn lengths (in characters) are log-normal around these medians: mostly short turns, a few of several hundred
characters. The English length follows the Chinese one, with some noise of its own."""
_ZH_MAX, _EN_MAX = 900, 3000
_TECH_RATE = 1 / 40
"""Technical words put into a turn per character of its Chinese text (each with its English rendering)."""
_TOPIC_SHARE = 0.9
"""Share of a post's technical words drawn from its own few topics; the rest come from the whole vocabulary."""

_ZH_CHARS = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道"
    "行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无"
    "力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等"
    "产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几"
    "口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统"
    "区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死"
    "张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元"
    "英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际"
    "约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图"
    "念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护"
    "七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境"
    "客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创"
)

_ZH_FUNCTION_WORDS = (
    "的", "是", "在", "了", "我们", "这个", "一个", "可以", "因为", "所以", "如果", "但是", "其实", "就是",
    "非常", "已经", "还是", "他们", "你们", "我觉得", "比如说", "实际上", "问题", "时候", "事情", "东西", "方面",
    "也", "都", "会", "有", "没有", "很多", "一些", "这样", "那么", "然后", "现在", "未来", "可能", "需要",
    "能够", "真正", "我", "你",
)

_TECH_WORDS = (
    # (Chinese, English renderings separated by "|"), most common first: word i is drawn with weight 1/(i+1).
    ("模型", "model|model|models"), ("数据", "data"), ("推理", "inference|inference|reasoning"),
    ("训练", "training|training|train"), ("智能体", "agent|agents"), ("算力", "compute"),
    ("强化学习", "reinforcement learning|RL"), ("芯片", "chips|chip"), ("安全", "safety"),
    ("大语言模型", "large language model|LLM|language models"), ("开源", "open source|open-source"),
    ("评估", "evaluation|evals"), ("参数", "parameters"), ("编排", "orchestration|orchestrate"),
    ("基准测试", "benchmark|benchmarks"), ("微调", "fine-tuning|fine-tune"), ("预训练", "pretraining|pre-training"),
    ("对齐", "alignment"), ("上下文", "context"), ("幻觉", "hallucination|hallucinations"),
    ("提示词", "prompt|prompts"), ("多模态", "multimodal"), ("检索", "retrieval"),
    ("算法", "algorithm|algorithms"), ("架构", "architecture"), ("人工智能", "artificial intelligence|AI"),
    ("神经网络", "neural network|neural networks"), ("深度学习", "deep learning"), ("机器学习", "machine learning"),
    ("向量", "vector|vectors"), ("嵌入", "embedding|embeddings"), ("检索增强", "retrieval augmentation|RAG"),
    ("视觉", "vision"), ("语音", "speech|voice"), ("机器人", "robot|robots|robotics"),
    ("自动驾驶", "self-driving|autonomous driving"), ("通用人工智能", "AGI|general intelligence"),
    ("注意力机制", "attention mechanism|attention"), ("扩展定律", "scaling laws|scaling law"),
    ("合成数据", "synthetic data"), ("蒸馏", "distillation"), ("量化", "quantization"), ("稀疏", "sparse|sparsity"),
    ("混合专家", "mixture of experts|MoE"), ("推理成本", "inference cost|inference costs"), ("延迟", "latency"),
    ("吞吐量", "throughput"), ("显存", "GPU memory|VRAM"), ("集群", "cluster|clusters"),
    ("数据中心", "data center|data centers"), ("能耗", "energy use|power consumption"),
    ("电力", "electricity|power"), ("半导体", "semiconductor|semiconductors"), ("晶圆", "wafer|wafers"),
    ("光刻机", "lithography machine|EUV"), ("供应链", "supply chain"), ("初创公司", "startup|startups"),
    ("融资", "fundraising|funding round"), ("估值", "valuation"), ("商业模式", "business model"),
    ("产品", "product|products"), ("用户", "users|user"), ("开发者", "developers|developer"),
    ("工具调用", "tool use|tool calling"), ("代码生成", "code generation"), ("编程", "programming|coding"),
    ("软件工程", "software engineering"), ("自动化", "automation"), ("工作流", "workflow|workflows"),
    ("接口", "interface|API"), ("平台", "platform"), ("生态", "ecosystem"), ("开放权重", "open weights|open-weight"),
    ("闭源", "closed source|proprietary"), ("监管", "regulation|regulators"), ("政策", "policy"),
    ("伦理", "ethics"), ("隐私", "privacy"), ("版权", "copyright"), ("可解释性", "interpretability"),
    ("鲁棒性", "robustness"), ("泛化", "generalization|generalize"), ("过拟合", "overfitting"),
    ("损失函数", "loss function"), ("梯度", "gradient|gradients"), ("优化器", "optimizer"),
    ("分词器", "tokenizer"), ("词元", "token|tokens"), ("长上下文", "long context"),
    ("思维链", "chain of thought"), ("规划", "planning"), ("记忆", "memory"), ("搜索", "search"),
    ("知识库", "knowledge base"), ("奖励模型", "reward model"), ("人类反馈", "human feedback"),
    ("红队测试", "red teaming"), ("越狱", "jailbreak|jailbreaks"), ("世界模型", "world model|world models"),
    ("具身智能", "embodied intelligence|embodied AI"), ("仿真", "simulation"), ("数据集", "dataset|datasets"),
    ("标注", "labeling|annotation"), ("云计算", "cloud computing"), ("边缘计算", "edge computing"),
    ("端侧", "on-device"), ("推理芯片", "inference chip|inference chips"), ("训练集群", "training cluster"),
    ("开源社区", "open-source community"), ("评测", "evals|evaluation"), ("研究", "research"),
    ("实验", "experiment|experiments"), ("强化微调", "reinforcement fine-tuning"),
    ("模型压缩", "model compression"), ("知识图谱", "knowledge graph"), ("联邦学习", "federated learning"),
    ("迁移学习", "transfer learning"), ("对比学习", "contrastive learning"),
    ("自监督学习", "self-supervised learning"), ("扩散模型", "diffusion model|diffusion models"),
    ("生成对抗网络", "GAN|generative adversarial network"), ("卷积神经网络", "CNN|convolutional network"),
    ("循环神经网络", "RNN|recurrent network"), ("状态空间模型", "state space model|SSM"),
    ("推测解码", "speculative decoding"), ("键值缓存", "KV cache"), ("批处理", "batching"),
    ("流水线并行", "pipeline parallelism"), ("张量并行", "tensor parallelism"), ("数据并行", "data parallelism"),
    ("容器编排", "container orchestration"), ("服务编排", "service orchestration"), ("多智能体", "multi-agent"),
    ("智能体编排", "agent orchestration"), ("向量数据库", "vector database"), ("语义搜索", "semantic search"),
    ("重排序", "reranking"), ("提示工程", "prompt engineering"), ("上下文窗口", "context window"),
    ("指令微调", "instruction tuning"), ("偏好优化", "preference optimization|DPO"),
    ("奖励黑客", "reward hacking"), ("模型卡", "model card"), ("水印", "watermarking"),
    ("深度伪造", "deepfake|deepfakes"), ("算力租赁", "GPU rental"), ("液冷", "liquid cooling"),
    ("高带宽内存", "HBM|high-bandwidth memory"), ("先进封装", "advanced packaging"), ("出口管制", "export controls"),
    ("开源许可证", "open-source license"), ("神经符号", "neurosymbolic"), ("形式化验证", "formal verification"),
    ("定理证明", "theorem proving"), ("蛋白质折叠", "protein folding"), ("药物发现", "drug discovery"),
    ("量子计算", "quantum computing"), ("脑机接口", "brain-computer interface"),
    ("类脑计算", "neuromorphic computing"),
)

_ZH_SECTION_TITLES = (
    "开场", "背景介绍", "嘉宾介绍", "问答环节", "结语", "总结", "核心观点", "未来展望", "技术细节", "行业影响",
    "争议与分歧", "产品演示", "早期经历", "创业故事", "观众提问", "关键数据", "延伸讨论", "最后的建议",
)

_EN_TERMS = (
    "AI", "GPU", "API", "LLM", "Transformer", "token", "Scaling Law", "RLHF", "benchmark", "agent", "CUDA", "TPU",
    "SaaS", "prompt", "embedding", "Python", "MoE", "RAG", "open-weight", "fine-tuning", "SOTA", "AGI", "demo",
)

_EN_REAL_WORDS = (
    "the", "of", "and", "to", "a", "in", "is", "that", "it", "we", "you", "for", "this", "on", "with", "are", "be",
    "as", "have", "not", "they", "but", "at", "so", "what", "can", "do", "if", "from", "there", "think", "about",
    "all", "one", "more", "just", "like", "would", "which", "people", "very", "when", "really", "know", "going",
    "these", "how", "because", "into", "those", "actually", "then", "some", "get", "make", "lot", "time", "our",
    "model", "models", "inference", "agent", "agents", "training", "data", "scaling", "open", "safety",
    "benchmark", "compute", "research", "language", "learning", "system", "systems", "problem", "question",
    "work", "world", "way", "thing", "things", "right", "good", "new", "different", "important", "big", "small",
    "first", "next", "other", "same", "hard", "easy", "fast", "slow", "better", "best", "kind", "sort", "point",
    "idea", "ideas", "company", "companies", "product", "products", "users", "developers", "code", "software",
    "hardware", "chips", "power", "energy", "cost", "costs", "price", "market", "money", "capital", "year",
    "years", "today", "future", "history", "science", "reasoning", "memory", "context", "search", "tools",
    "evaluation", "alignment", "reward", "policy", "network", "networks", "parameters", "weights", "layers",
    "attention", "tokens", "dataset", "quality", "scale", "speed", "latency", "throughput", "cluster", "cloud",
    "open-source", "release", "version", "paper", "team", "teams", "lab", "labs", "startup", "founder",
    "engineer", "engineers", "researcher", "researchers", "students", "school", "university", "government",
    "regulation", "risk", "risks", "trust", "value", "values", "human", "humans", "machine", "machines",
    "robot", "robots", "vision", "speech", "image", "images", "video", "text", "program", "programs", "build",
    "building", "built", "use", "using", "used", "see", "look", "say", "said", "tell", "ask", "want", "need",
    "try", "trying", "start", "started", "change", "changes", "grow", "growth", "learn", "understand", "believe",
    "feel", "mean", "means", "happen", "happened", "keep", "run", "running", "ship", "shipping", "test", "tests",
    "measure", "improve", "improvement", "progress", "capability", "capabilities", "general", "specific",
    "simple", "complex", "whole", "early", "late", "long", "short", "high", "low", "large", "real", "clear",
    "sure", "maybe", "probably", "always", "never", "often", "still", "already", "again", "also", "even",
    "much", "many", "most", "every", "each", "both", "few", "enough", "without", "through", "between", "after",
    "before", "over", "under", "while", "where", "why", "who", "whether", "though", "although", "instead",
    "example", "reason", "answer", "result", "results", "experiment", "experiments", "theory", "practice",
    "interesting", "exciting", "surprising", "obvious", "honest", "careful", "possible", "impossible",
)

_EN_ONSETS = ("b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "pr",
              "qu", "r", "s", "sh", "st", "t", "tr", "v", "w", "z", "")
_EN_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y")
_EN_CODAS = ("", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ck", "x", "ng")

_FIRST_NAMES = (
    "James", "Mary", "Wei", "Priya", "Ahmed", "Sofia", "Daniel", "Olga", "Kenji", "Aisha", "Lucas", "Mei", "Ravi",
    "Elena", "Marcus", "Yuki", "Noah", "Fatima", "Ethan", "Ingrid", "Omar", "Chloe", "Hiro", "Zara", "Leo", "Anna",
    "Samuel", "Lina", "Victor", "Maya", "David", "Nora", "Jin", "Clara", "Andre", "Sara", "Felix", "Amara", "Ivan",
    "Julia", "Kofi", "Hana", "Mateo", "Leila", "Oscar", "Emma", "Arjun", "Rosa", "Tariq", "Ella", "Sean", "Aiko",
    "Diego", "Mira", "Paul", "Grace", "Chen", "Lucia", "Tom", "Nadia", "Ben", "Vera", "Raj", "Iris", "Alex",
    "Helen", "Karim", "Eva", "Jonas", "Ruth", "Min", "Alice", "Pedro", "Tara", "Hugo", "Lea", "Sam", "Joanna",
    "Andrew", "Sun", "Dario", "Ilya", "Demis", "Fei", "Yann", "Geoffrey", "Jeff", "Lisa", "Jensen", "Satya",
    "Sundar", "Kai", "Ming", "Jun", "Xin", "Ying", "Hao", "Lei", "Rui", "Bo", "Tao", "Ling", "Nils", "Astrid",
    "Pablo", "Greta", "Mohan", "Keiko", "Boris", "Nina", "Colin", "Dana", "Eric", "Fiona", "Gabe", "Holly",
)

_LAST_NAMES = (
    "Smith", "Chen", "Wang", "Li", "Zhang", "Liu", "Patel", "Kim", "Nguyen", "Garcia", "Müller", "Rossi", "Tanaka",
    "Sato", "Novak", "Ivanova", "Okafor", "Mensah", "Silva", "Santos", "Kowalski", "Johansson", "Larsen", "Dubois",
    "Martin", "Lopez", "Hernandez", "Brown", "Wilson", "Taylor", "Anderson", "Thomas", "Moore", "Jackson", "White",
    "Harris", "Clark", "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams",
    "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Torres",
    "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson",
    "Reed", "Bailey", "Bell", "Gomez", "Kelly", "Howard", "Ward", "Cox", "Diaz", "Richardson", "Wood", "Watson",
    "Brooks", "Bennett", "Gray", "James", "Reyes", "Cruz", "Hughes", "Price", "Myers", "Long", "Foster", "Sanders",
    "Ross", "Morales", "Powell", "Sullivan", "Russell", "Ortiz", "Jenkins", "Gutierrez", "Perry", "Butler",
    "Barnes", "Fisher", "Henderson", "Coleman", "Simmons", "Patterson", "Jordan", "Reynolds", "Hamilton",
    "Graham", "Wallace", "Natarajan", "Ruiz", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He",
    "Lin", "Luo", "Gao", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng", "Cao", "Peng", "Zeng",
)

_TRANSLIT_CHARS = "阿巴贝比布达德迪杜恩法菲弗加格吉古哈赫希胡伊杰卡凯基库拉莱利卢马梅米穆纳内尼努奥帕佩皮普雷里鲁萨塞西苏塔特蒂图瓦韦维沃谢亚耶尤扎泽齐祖森曼斯顿尔克姆"

_CHANNEL_SUFFIXES = ("Podcast", "Talks", "AI", "Hour", "Show", "Lab", "Insights", "Weekly", "Daily", "Review",
                     "Channel", "TV", "Conversations", "Live", "Explained", "Studio", "Forum", "Radio")
_COMPANY_SUFFIXES = (" AI", " Labs", " Research", " Systems", " Robotics", " Semiconductor", " Capital",
                     " Ventures", " Cloud", " Networks", " Dynamics", " Technologies", "", " Inc.", " Foundation")
_PRODUCT_SUFFIXES = ("", "", " Pro", " Mini", " Ultra", " Turbo", " Flash", " Max", "-Instruct", " Vision")
_BOOK_NOUNS = ("Mind", "Machine", "Future", "Code", "Algorithm", "Network", "Signal", "Frontier", "Engine",
               "Horizon", "Alignment", "Singularity", "Revolution", "Age", "Empire", "Question", "Problem")
_BOOK_ADJECTIVES = ("Last", "Great", "Hidden", "Second", "Coming", "Human", "Silent", "Infinite", "New", "Deep",
                    "Open", "Quiet", "Final", "Strange", "Thinking")
_REAL_TAGS = (
    "ai", "ai-safety", "open-source", "llm", "agents", "inference", "training", "scaling", "robotics", "chips",
    "semiconductors", "startups", "investing", "policy", "regulation", "benchmarks", "reasoning", "multimodal",
    "computer-vision", "speech", "rlhf", "alignment", "interpretability", "data-centers", "energy", "china",
    "us-china", "venture-capital", "developer-tools", "code-generation", "ai-tooling", "code-review",
    "terminals", "education", "healthcare", "biotech", "science", "math", "economics", "productivity",
)

CATEGORIES = (
    "interview", "talk", "podcast", "panel", "keynote", "lecture", "tutorial", "news", "analysis", "debate",
    "fireside-chat", "product-launch", "developer-tools", "research", "opinion",
)
AREAS = ("ai-ml", "robotics", "semiconductors", "investing", "policy", "science", "software", "startups",
         "energy", "biotech")
STATUSES = ("evergreen", "draft", "seedling")

_GENERIC_HOST = ("主持人", "Host")
_GENERIC_GUEST = ("嘉宾", "Guest")
_YT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_YAML_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*")
_YAML_NUMBERISH = re.compile(r"[-+]?[\d._:eE]+|0x[\da-fA-F]+|0o[0-7]+")
_YAML_WORDS = frozenset(("true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"))
_FIRST_DAY = dt.date(2019, 1, 1).toordinal()


@dataclass(frozen=True, slots=True)
class _Weighted:
    """A vocabulary with cumulative (Zipf-like) weights."""

    items: tuple[str, ...]
    cum: tuple[float, ...]

    def pick(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.items, cum_weights=self.cum, k=k)

    def distinct(self, rng: random.Random, k: int) -> list[str]:
        """`k` different items (fewer only when the vocabulary is smaller), in the order drawn."""
        k = min(k, len(self.items))
        out = dict.fromkeys(self.pick(rng, k))
        while len(out) < k:
            out.update(dict.fromkeys(self.pick(rng, k - len(out))))
        return list(out)[:k]


def _zipf(items: list[str] | tuple[str, ...], offset: float = 2.0, exponent: float = 1.0) -> _Weighted:
    total = 0.0
    cum = []
    for rank in range(len(items)):
        total += 1.0 / (rank + offset) ** exponent
        cum.append(total)
    return _Weighted(tuple(items), tuple(cum))


@dataclass(frozen=True, slots=True)
class _Pool:
    """Sentences to build text from, where a word can go into each (`slots`: a clause start in Chinese, a space
    between two plain words or the end before the full stop in English), their lengths, and the indices of the
    short ones (to end a text near its target length)."""

    full: tuple[str, ...]
    slots: tuple[int, ...]
    lengths: tuple[int, ...]
    short: tuple[int, ...]
    slack: int

    @classmethod
    def of(cls, sentences: list[tuple[str, int]], short: int) -> _Pool:
        full = tuple(s for s, _ in sentences)
        lengths = tuple(map(len, full))
        return cls(full, tuple(slot for _, slot in sentences), lengths,
                   tuple(i for i, n in enumerate(lengths) if n <= short), short // 2)


@dataclass(frozen=True, slots=True)
class _Vocab:
    zh_words: _Weighted
    tech: _Weighted
    """The Chinese technical words, Zipf-weighted (模型 first)."""
    tech_en: dict[str, tuple[str, ...]]
    """The English renderings of each technical word, each with a leading space (as inserted into a sentence)."""
    zh_sentences: _Pool
    en_sentences: _Pool
    channels: _Weighted
    tags: _Weighted
    people: _Weighted
    companies: _Weighted
    products: _Weighted
    media: _Weighted
    projects: _Weighted
    series: _Weighted
    terms: tuple[str, ...]


def _unique(rng: random.Random, count: int, make, taken: set[str] | None = None) -> list[str]:
    """`count` distinct values of `make(rng)`, not in `taken`."""
    seen = set(taken or ())
    out: list[str] = []
    while len(out) < count:
        value = make(rng)
        if value not in seen:
            seen.add(value)
            out.append(value)
    return out


def _pseudo_word(rng: random.Random) -> str:
    while True:
        syllables = rng.choice((1, 2, 2, 2, 3))
        word = "".join(rng.choice(_EN_ONSETS) + rng.choice(_EN_VOWELS) + rng.choice(_EN_CODAS)
                       for _ in range(syllables))
        if 2 <= len(word) <= 9:
            return word


@functools.cache
def _vocab() -> _Vocab:
    """The fixed vocabularies and sentence pools (built once per process, from a fixed seed)."""
    rng = random.Random(_VOCAB_SEED)
    chars = list(dict.fromkeys(_ZH_CHARS))[:400]
    char_weights = _zipf(chars, offset=10.0)

    def zh_word(r: random.Random) -> str:
        return "".join(r.choices(chars, cum_weights=char_weights.cum, k=r.choice((2, 2, 2, 2, 3, 3, 4))))

    # Technical words are not in the general vocabularies: they are put into turns by topic (see _build_post).
    tech_zh = [zh for zh, _ in _TECH_WORDS]
    tech_en = {zh: tuple(" " + word for word in en.split("|")) for zh, en in _TECH_WORDS}
    tech_en_words = {word for _, en in _TECH_WORDS for word in en.split("|") if " " not in word}
    made = [word for word in _unique(rng, 3000, zh_word, set(_ZH_FUNCTION_WORDS))
            if not any(t in word for t in tech_zh)]
    zh_words = _zipf(list(_ZH_FUNCTION_WORDS) + made, offset=5.0)

    en_made = _unique(rng, 2700, _pseudo_word, set(_EN_REAL_WORDS) | tech_en_words)
    en_base = [w for w in _EN_REAL_WORDS if w not in tech_en_words]
    en_words = _zipf(en_base + [w for w in en_made if "model" not in w], offset=3.0)

    names = [f"{first} {last}" for first in _FIRST_NAMES for last in _LAST_NAMES]
    rng.shuffle(names)
    people = names[:3000]

    def capital(r: random.Random) -> str:
        return _pseudo_word(r).capitalize()

    companies = _unique(rng, 800, lambda r: capital(r) + r.choice(_COMPANY_SUFFIXES))
    products = _unique(rng, 1000, lambda r: f"{capital(r)}{r.choice(('-', ' ', ' '))}{r.choice(('', 'v'))}"
                       f"{r.randint(1, 9)}{r.choice(('', '', '.5', '.1', 'o'))}{r.choice(_PRODUCT_SUFFIXES)}")
    media = _unique(rng, 300, lambda r: r.choice((
        f"The {r.choice(_BOOK_ADJECTIVES)} {r.choice(_BOOK_NOUNS)}",
        f"{r.choice(_BOOK_NOUNS)} of the {capital(r)}",
        f"{capital(r)} and the {r.choice(_BOOK_NOUNS)}",
    )))
    projects = _unique(rng, 50, lambda r: f"{capital(r)} {r.choice(('Project', 'Initiative', 'Program'))}")
    series = _unique(rng, 40, lambda r: r.choice((f"{capital(r)} Series", zh_word(r) + "系列")))
    channels = _unique(rng, 300, lambda r: r.choice((
        f"{capital(r)} {r.choice(_CHANNEL_SUFFIXES)}",
        f"{r.choice(_FIRST_NAMES)} {r.choice(_LAST_NAMES)}",
        f"{r.choice(_FIRST_NAMES)} {r.choice(_LAST_NAMES)} {r.choice(_CHANNEL_SUFFIXES)}",
        zh_word(r) + r.choice(("频道", "说", "科技", "访谈")),
    )))
    real_words = [w for w in _EN_REAL_WORDS[58:] if len(w) > 3]  # past the function words
    tags = list(_REAL_TAGS) + _unique(rng, 2000 - len(_REAL_TAGS), lambda r: "-".join(
        r.choice(real_words) if r.random() < 0.7 else _pseudo_word(r) for _ in range(r.choice((1, 2, 2, 3)))
    ), set(_REAL_TAGS))

    terms = _EN_TERMS + tuple(companies[:30]) + tuple(products[:30]) + tuple(people[:30])
    zh_sentences = _Pool.of([_zh_sentence(rng, zh_words, terms) for _ in range(_ZH_SENTENCES)], 14)
    en_sentences = _Pool.of([_en_sentence(rng, en_words, terms) for _ in range(_EN_SENTENCES)], 45)
    return _Vocab(
        zh_words=zh_words,
        tech=_zipf(tech_zh, offset=1.0),
        tech_en=tech_en,
        zh_sentences=zh_sentences,
        en_sentences=en_sentences,
        channels=_zipf(channels, offset=3.0),
        tags=_zipf(tags),
        people=_zipf(people, offset=3.0),
        companies=_zipf(companies),
        products=_zipf(products),
        media=_zipf(media),
        projects=_zipf(projects),
        series=_zipf(series),
        terms=terms,
    )


def _zh_sentence(rng: random.Random, words: _Weighted, terms: tuple[str, ...]) -> tuple[str, int]:
    """One Chinese sentence of 1-4 clauses, and the start of one of its clauses (where a word can go). A clause
    never opens with markup, and a colon only follows a comma (so that no paragraph opens with something a parser
    could take for a `名字：` speaker label)."""
    out: list[str] = []
    starts: list[int] = []
    size = 0
    clauses = rng.choice((1, 1, 2, 2, 2, 3, 3, 4))
    had_comma = False
    for c in range(clauses):
        n = rng.randint(2, 6)
        parts = words.pick(rng, n)
        for j in range(1, n):
            r = rng.random()
            if r < 0.04:
                parts[j] = f" {rng.choice(terms)} "
            elif r < 0.065:
                parts[j] = f"**{parts[j]}**"
            elif r < 0.08:
                parts[j] = f"{OPEN_QUOTE}{parts[j]}{CLOSE_QUOTE}"
        clause = "".join(parts).replace("  ", " ").strip()
        starts.append(size)
        out.append(clause)
        size += len(clause)
        if c < clauses - 1:
            r = rng.random()
            if had_comma and r < 0.12:
                out.append(COLON)
            elif r < 0.25:
                out.append(LIST_COMMA)
            else:
                out.append(COMMA)
                had_comma = True
            size += 1
    r = rng.random()
    out.append(PERIOD if r < 0.9 else QUESTION if r < 0.97 else EXCLAIM)
    return "".join(out), rng.choice(starts)


def _en_sentence(rng: random.Random, words: _Weighted, terms: tuple[str, ...]) -> tuple[str, int]:
    """One English sentence, and where a word can go: at a space between two plain words, or before the final
    punctuation (never inside a multi-word name or term)."""
    n = rng.randint(5, 22)
    parts = words.pick(rng, n)
    plain = [True] * n
    for j in range(n):
        r = rng.random()
        if r < 0.03:
            parts[j] = rng.choice(terms)
            plain[j] = False
        elif j > 1 and j < n - 1 and r < 0.1:
            parts[j] += ","
    parts[0] = parts[0][:1].upper() + parts[0][1:]
    r = rng.random()
    sentence = " ".join(parts) + ("." if r < 0.85 else "?" if r < 0.95 else "!")
    slots = [len(sentence) - 1]
    offset = len(parts[0])
    for j in range(1, n):
        if plain[j - 1] and plain[j]:
            slots.append(offset)
        offset += 1 + len(parts[j])
    return sentence, rng.choice(slots)


def _text(rnd, pool: _Pool, target: int, sep: str, words: list[str] | tuple[str, ...] = ()) -> str:
    """Sentences from `pool` joined by `sep`, until at least `target` characters (overshooting by little: a
    sentence that would overshoot by more than `pool.slack` is swapped for a short one), with `words` put into
    random sentences at their slots."""
    picked: list[int] = []
    n = 0
    lengths, short, slack = pool.lengths, pool.short, pool.slack
    n_full, n_short = len(lengths), len(short)
    extra = len(sep)
    while n < target:
        i = int(rnd() * n_full)
        if lengths[i] > target - n + slack:
            i = short[int(rnd() * n_short)]
        picked.append(i)
        n += lengths[i] + extra
    full = pool.full
    parts = [full[i] for i in picked]
    if words:
        slots = pool.slots
        count = len(picked)
        for word in words:
            j = int(rnd() * count)
            cut = slots[picked[j]]
            part = parts[j]
            parts[j] = part[:cut] + word + part[cut:]
    return sep.join(parts)


@functools.cache
def _zh_name(name: str) -> str:
    """A made-up Chinese transliteration of a Latin name, stable for a given name."""
    rng = random.Random(name)
    return "·".join("".join(rng.choices(_TRANSLIT_CHARS, k=rng.choice((2, 2, 3)))) for _ in name.split())


def _scalar(value: str) -> str:
    """`value` as a YAML scalar: plain when that reads back as the same string, else single-quoted."""
    if (
        _YAML_PLAIN.fullmatch(value)
        and ": " not in value
        and not value.endswith((" ", ":"))
        and value.lower() not in _YAML_WORDS
        and not _YAML_NUMBERISH.fullmatch(value)
    ):
        return value
    return _quoted(value)


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _zh_phrase(rng: random.Random, vocab: _Vocab, low: int, high: int, english: float, topic: str = "") -> str:
    """A few Chinese words, maybe with an English term among them and the technical word `topic` (if any)."""
    words = vocab.zh_words.pick(rng, rng.randint(low, high))
    if rng.random() < english and len(words) > 1:
        words.insert(rng.randint(1, len(words) - 1), f" {rng.choice(vocab.terms)} ")
    if topic:
        words.insert(rng.randint(0, len(words)), topic)
    return "".join(words).replace("  ", " ").strip()


def _title(rng: random.Random, vocab: _Vocab, person: str | None, topic: str) -> str:
    form = rng.random()
    phrase = _zh_phrase(rng, vocab, 2, 5, 0.4, topic)
    if person and form < 0.3:
        return f"{person}{COLON}{phrase}"
    if form < 0.55:
        return f"{phrase}{COLON}{_zh_phrase(rng, vocab, 2, 4, 0.2)}"
    return phrase


def _date(rng: random.Random) -> dt.date:
    year = rng.choices(range(2019, 2027), weights=range(1, 9))[0]
    start = dt.date(year, 1, 1).toordinal()
    return dt.date.fromordinal(start + rng.randrange(dt.date(year + 1, 1, 1).toordinal() - start))


def _speakers(rng: random.Random, vocab: _Vocab) -> tuple[list[tuple[str, str]], list[str]]:
    """2-6 (Chinese label, English label) pairs, host first, and the named people among them."""
    count = rng.randint(2, 6)
    if rng.random() < 0.08:
        labels = [f"Speaker {i}" for i in range(count)]
        return [(label, label) for label in labels], []
    named = vocab.people.distinct(rng, count)
    speakers = []
    for name in named:
        zh = _zh_name(name) if rng.random() < 0.12 else name
        speakers.append((zh, name))
    if rng.random() < 0.4:
        speakers[0] = _GENERIC_HOST
    if count > 2 and rng.random() < 0.15:
        speakers[rng.randrange(1, count)] = _GENERIC_GUEST
    people = [en for (zh, en) in speakers if (zh, en) not in (_GENERIC_HOST, _GENERIC_GUEST)]
    return speakers, people


def _list_field(lines: list[str], rng: random.Random, key: str, values: list[str], indent: str) -> None:
    if not values:
        lines.append(f"{key}: '[]'" if rng.random() < 0.25 else f"{key}: []")
        return
    lines.append(f"{key}:")
    lines.extend(f"{indent}- {_scalar(value)}" for value in values)


def _build_post(rng: random.Random, index: int, n_turns: int, kind: str | None = None) -> tuple[dt.date, str]:
    """(date, text) of one post; `kind` forces "interview" or "article"."""
    vocab = _vocab()
    rnd = rng.random
    interview = kind == "interview" if kind else rnd() < 0.7
    speakers: list[tuple[str, str]] = []
    if interview:
        speakers, people = _speakers(rng, vocab)
        people = people[:5]
        if len(people) < 5 and rnd() < 0.3:
            people += [p for p in vocab.people.distinct(rng, 2) if p not in people][: 5 - len(people)]
    else:
        people = vocab.people.distinct(rng, rng.randint(0, 5))

    # The post's topics: a few technical words (repeats weigh more) that most of its technical words come from.
    topics = vocab.tech.pick(rng, rng.randint(3, 10))
    n_topics = len(topics)
    date = _date(rng)
    channel = vocab.channels.pick(rng, 1)[0]
    speaker = channel if rnd() < 0.85 else (people[0] if people and rnd() < 0.5 else vocab.channels.pick(rng, 1)[0])
    date_text = date.isoformat()
    indent = "  " if rnd() < 0.8 else ""
    lines = [
        "---",
        f"title: {_scalar(_title(rng, vocab, people[0] if people else None, topics[0] if rnd() < 0.6 else ''))}",
        f"date: {_quoted(date_text) if rnd() < 0.7 else date_text}",
        f"author: {_scalar(channel)}",
        f"speaker: {_scalar(speaker)}",
        f"source: https://www.youtube.com/watch?v={''.join(rng.choices(_YT_ALPHABET, k=11))}",
    ]
    _list_field(lines, rng, "tags", vocab.tags.distinct(rng, rng.randint(2, 6)), indent)
    lines.append(f"category: {rng.choice(CATEGORIES)}")
    lines.append(f"area: {rng.choice(AREAS)}")
    _list_field(lines, rng, "people", people, indent)
    _list_field(lines, rng, "companies_orgs", vocab.companies.distinct(rng, rng.randint(0, 5)), indent)
    _list_field(lines, rng, "products_models", vocab.products.distinct(rng, rng.randint(0, 6)), indent)
    _list_field(lines, rng, "media_books", vocab.media.distinct(rng, rng.choice((0, 0, 0, 1, 1, 2))), indent)
    _list_field(lines, rng, "project", vocab.projects.distinct(rng, rng.choice((0, 0, 0, 1, 2))), indent)
    lines.append(f"series: {_scalar(vocab.series.pick(rng, 1)[0]) if rnd() < 0.3 else _quoted('')}")
    lines.append(f"status: {rng.choices(STATUSES, weights=(6, 2, 2))[0]}")
    summary = _text(rnd, vocab.zh_sentences, rng.randint(80, 190), "", topics[: rng.randint(1, 3)])
    lines.append(f"summary: {_quoted(summary) if rnd() < 0.5 else _scalar(summary)}")
    lines.append("draft: true")
    lines.append("layout: post.njk")
    lines.append("---")
    lines.append("" if rnd() < 0.5 else "\n")
    out = ["\n".join(lines)]

    headings = [0] + [rng.randrange(n_turns) if n_turns else 0 for _ in range(rng.randint(2, 11))]
    headings.sort()
    titles = [
        rng.choice(_ZH_SECTION_TITLES) if rnd() < 0.3
        else _zh_phrase(rng, vocab, 1, 3, 0.2, topics[int(rnd() * n_topics)] if rnd() < 0.3 else "")
        for _ in headings
    ]
    h = 0
    zh_pool, en_pool = vocab.zh_sentences, vocab.en_sentences
    n_speakers = len(speakers)
    last = -1
    gauss, exp, pick_tech, tech_en = rng.gauss, math.exp, vocab.tech.pick, vocab.tech_en
    no_words: list[str] = []
    for t in range(n_turns):
        while h < len(headings) and headings[h] == t:
            out.append(f"### {titles[h]}\n\n")
            h += 1
        z = gauss(0.0, _LENGTH_SIGMA)
        zh_len = min(_ZH_MAX, int(_ZH_MEDIAN * exp(z)) + 1)
        en_len = min(_EN_MAX, int(_EN_MEDIAN * exp(z + gauss(0.0, 0.3))) + 1)
        k = int(zh_len * _TECH_RATE + rnd())
        zh_words = en_words = no_words
        if k:
            zh_words = [topics[int(rnd() * n_topics)] if rnd() < _TOPIC_SHARE else pick_tech(rng, 1)[0]
                        for _ in range(k)]
            en_words = []
            for word in zh_words:
                renderings = tech_en[word]
                en_words.append(renderings[int(rnd() * len(renderings))])
        if zh_len >= 30 and rnd() < 0.45:
            first = max(8, int(zh_len * (0.3 + 0.4 * rnd())))
            cut = en_len // 2
            m = int(rnd() * (k + 1))
            zh = (_text(rnd, zh_pool, first, "", zh_words[:m]) + "\n\n"
                  + _text(rnd, zh_pool, max(8, zh_len - first), "", zh_words[m:]))
            en = (_text(rnd, en_pool, cut, " ", en_words[:m]) + "\n\n"
                  + _text(rnd, en_pool, cut, " ", en_words[m:]))
        else:
            zh = _text(rnd, zh_pool, zh_len, "", zh_words)
            en = _text(rnd, en_pool, en_len, " ", en_words)
        if interview:
            if last != 0 and (last < 0 or rnd() < 0.45):
                who = 0
            else:
                who = 1 + int(rnd() * (n_speakers - 1))
                if who == last and n_speakers > 2:
                    who = 1 + who % (n_speakers - 1)
            last = who
            zh_label, en_label = speakers[who]
            out.append(f"**{zh_label}**: {zh}\n\n<details>\n<summary>Original English</summary>\n\n"
                       f"**{en_label}**: {en}\n\n</details>\n\n")
        else:
            out.append(f"{zh}\n\n<details>\n<summary>Original English</summary>\n\n{en}\n\n</details>\n\n")
    while h < len(headings):
        out.append(f"### {titles[h]}\n\n")
        h += 1
    return date, "".join(out)


def make_post(rng: random.Random, index: int, n_turns: int) -> str:
    """The text of one post (front matter and body) with exactly `n_turns` turns, drawn from `rng`."""
    return _build_post(rng, index, n_turns)[1]


def _turn_count(rng: random.Random, low: int, high: int) -> int:
    """Log-uniform between `low` and `high` inclusive (mean ~105 for 20-300)."""
    if low == high:
        return low
    value = math.exp(rng.uniform(math.log(low + 1), math.log(high + 2))) - 1
    return min(high, max(low, int(value)))


def _relpath(rng: random.Random, date: dt.date, index: int) -> str:
    name = f"{date.isoformat()}-{index:06d}.md"
    r = rng.random()
    if r < 0.7:
        return f"{date.year}/{date.month:02d}/{name}"
    if r < 0.95:
        return f"{date.year}/{name}"
    return name


def generate_archive(
    out_dir: str | os.PathLike[str],
    posts: int,
    seed: int = 0,
    min_turns: int = 20,
    max_turns: int = 300,
    huge_turns: int = 0,
) -> dict[str, int]:
    """Write `posts` posts under `out_dir` (created if needed), plus `huge/huge-<n>.md` with `huge_turns` turns
    when that is > 0. Returns {"posts": files written, "bytes": their total size, "turns": their total turns}."""
    if posts < 0 or huge_turns < 0 or min_turns < 0 or max_turns < min_turns:
        raise ValueError("need posts >= 0, huge_turns >= 0 and 0 <= min_turns <= max_turns")
    rng = random.Random(seed)
    root = os.fspath(out_dir)
    made: set[str] = set()
    totals = {"posts": 0, "bytes": 0, "turns": 0}

    def write(relpath: str, text: str, turns: int) -> None:
        path = os.path.join(root, relpath)
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        totals["posts"] += 1
        totals["bytes"] += os.path.getsize(path)
        totals["turns"] += turns

    for index in range(posts):
        n_turns = _turn_count(rng, min_turns, max_turns)
        date, text = _build_post(rng, index, n_turns)
        write(_relpath(rng, date, index), text, n_turns)
    if huge_turns > 0:
        _, text = _build_post(rng, posts, huge_turns, kind="interview")
        write(f"huge/huge-{huge_turns}.md", text, huge_turns)
    return totals


def main(argv: list[str] | None = None) -> int:
    """Command line: generate an archive and print one summary line."""
    parser = argparse.ArgumentParser(description="Generate a synthetic bilingual transcript archive.")
    parser.add_argument("out_dir", help="folder to write the archive into (created if missing)")
    parser.add_argument("--posts", type=int, required=True, help="number of posts")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--min-turns", type=int, default=20, help="fewest turns in a post (default 20)")
    parser.add_argument("--max-turns", type=int, default=300, help="most turns in a post (default 300)")
    parser.add_argument("--huge-turns", type=int, default=0,
                        help="also write huge/huge-N.md with this many turns (default 0: none)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        counts = generate_archive(args.out_dir, args.posts, args.seed, args.min_turns, args.max_turns,
                                  args.huge_turns)
    except ValueError as error:
        parser.error(str(error))
    seconds = time.perf_counter() - start
    print(f"{counts['posts']} posts, {counts['bytes'] / 1e6:.1f} MB, {counts['turns']} turns, "
          f"{seconds:.1f} seconds -> {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
