package documents

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"

	"tandem/internal/domain"
)

// logoKind returns gofpdf's image type for data ("PNG" or "JPG"), or ""
// when the letterhead must go without it: empty, another format, or a PNG
// gofpdf cannot read (16 bits per channel, interlaced) — PrepareLogo
// converts those.
func logoKind(data []byte) string {
	switch {
	case len(data) >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF:
		return "JPG"
	case len(data) >= 29 && string(data[:8]) == "\x89PNG\r\n\x1a\n" && string(data[12:16]) == "IHDR":
		if data[24] > 8 || data[28] != 0 {
			return ""
		}
		return "PNG"
	}
	return ""
}

// PrepareLogo checks a logo (domain.ParseLogo: PNG or JPEG, size, pixel
// dimensions) and returns bytes gofpdf can embed quickly: the file itself
// when it can, else the image re-encoded as an 8-bit, non-interlaced PNG —
// without alpha channel when every pixel is opaque, because gofpdf splits
// and recompresses an alpha channel for every document. Call it once when
// the logo is stored or loaded, not per document.
func PrepareLogo(data []byte) ([]byte, error) {
	if _, err := domain.ParseLogo(data); err != nil {
		return nil, err
	}
	kind := logoKind(data)
	alpha := kind == "PNG" && (data[25] == 4 || data[25] == 6)
	if kind != "" && !alpha {
		return data, nil
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, domain.Invalid("logo", "logo.type")
	}
	rgba := image.NewNRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	if alpha && !rgba.Opaque() {
		return data, nil // real transparency: keep the file
	}
	// png.Encode writes an opaque image as RGB without alpha channel
	var buf bytes.Buffer
	if err := png.Encode(&buf, rgba); err != nil {
		return nil, domain.Internal(err, "logo png")
	}
	return buf.Bytes(), nil
}
